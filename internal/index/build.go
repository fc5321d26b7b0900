package index

import (
	"context"
	"errors"
	"os"
	"path/filepath"
	"sync"
	"time"

	"github.com/faqbot/faqbot/internal/faq"
)

// build is one build in service: its ranker and the library it was built from. The
// library's passages have no text in memory: texts reads it when it is shown.
type build struct {
	dir         string
	fingerprint string
	// files is filesFingerprint of the content the build was made from.
	files string
	built time.Time
	// failing are the keys of the must-answer checks the build failed (meta).
	failing  map[string]bool
	ranker   faq.Ranker
	texts    *texts
	lib      faq.Library
	passages map[string]located
	// answers caches Find's results for this build (nil: none).
	answers *answerCache
	// lock is the build's lock file, locked shared while the build is in use
	// here, so that no process removes it meanwhile.
	lock *os.File
	// warm starts the ranker's warm-up once; stopWarm stops it and warmed is closed
	// once it ended. They are nil until it starts.
	warm     sync.Once
	stopWarm context.CancelFunc
	warmed   chan struct{}
}

// located is a passage with its document and where its text is.
type located struct {
	doc   *faq.Document
	p     *faq.Passage
	ref   textRef
	texts *texts
}

// text returns the passage's text, read from the build's texts file. The file is
// open for as long as the build serves, so only a failing disk makes this fail;
// the reply then carries the error in place of the text rather than being blank.
func (l located) text() string {
	t, err := l.texts.read(l.ref)
	if err != nil {
		return "(" + err.Error() + ")"
	}
	return t
}

// entries resolves hits to passages of the build, leaving out any it does not have.
func (b *build) entries(hits []faq.Hit) []faq.Entry {
	out := make([]faq.Entry, 0, len(hits))
	for _, h := range hits {
		if loc, ok := b.passages[h.PassageID]; ok {
			out = append(out, faq.Entry{Document: loc.doc, Passage: loc.p, Score: h.Score})
		}
	}
	return out
}

// close releases the build's ranker and texts.
func (b *build) close() error {
	b.warm.Do(func() {}) // no warm-up starts after this
	if b.stopWarm != nil {
		b.stopWarm()
		<-b.warmed
	}
	err := errors.Join(b.ranker.Close(), b.texts.close())
	if b.lock != nil {
		b.lock.Close()
	}
	return err
}

// startWarm warms the ranker's caches in the background: questions are answered
// meanwhile, and once it is done the first question using a common word is as fast
// as later ones. It is started once the build is in service, not while the Store
// opens, so as not to slow start-up.
func (b *build) startWarm() {
	b.warm.Do(func() {
		ctx, cancel := context.WithCancel(context.Background())
		b.stopWarm, b.warmed = cancel, make(chan struct{})
		go func() {
			defer close(b.warmed)
			b.ranker.Warm(ctx)
		}()
	})
}

// loadBuild opens the build in dir, locking it (see lockShared) for as long as it
// is open.
func loadBuild(dir string, backend Backend) (*build, error) {
	lock, err := lockShared(dir)
	if err != nil {
		return nil, err
	}
	b, err := openBuild(dir, backend)
	if err != nil {
		lock.Close()
		return nil, err
	}
	b.lock = lock
	return b, nil
}

func openBuild(dir string, backend Backend) (*build, error) {
	m, err := readMeta(dir)
	if err != nil {
		return nil, err
	}
	snap, err := readSnapshot(dir)
	if err != nil {
		return nil, err
	}
	t, err := openTexts(dir)
	if err != nil {
		return nil, err
	}
	r, err := backend.Open(filepath.Join(dir, rankerDir), snap.Library)
	if err != nil {
		t.close()
		return nil, err
	}
	return newBuild(dir, m, r, t, snap), nil
}

func newBuild(dir string, m meta, r faq.Ranker, t *texts, snap snapshot) *build {
	lib := snap.Library
	b := &build{dir: dir, fingerprint: m.Fingerprint, files: m.Files, built: m.Built, ranker: r, texts: t,
		lib: lib, passages: make(map[string]located, lib.Passages()), failing: make(map[string]bool, len(m.Failing))}
	for _, k := range m.Failing {
		b.failing[k] = true
	}
	n := 0
	for i := range b.lib.Documents {
		d := &b.lib.Documents[i]
		for j := range d.Passages {
			b.passages[d.Passages[j].ID] = located{doc: d, p: &d.Passages[j], ref: snap.Texts[n], texts: t}
			n++
		}
	}
	return b
}
