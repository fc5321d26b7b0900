package engine

import (
	"context"
	"errors"
	"path/filepath"
	"sync"

	"github.com/faqbot/faqbot/internal/faq"
	"github.com/faqbot/faqbot/internal/search"
)

// state is one build in service: its index and the library it was built from. The
// library's passages have no text in memory: texts reads it when it is shown.
type state struct {
	build       string
	fingerprint string
	// files is filesFingerprint of the content the build was made from.
	files    string
	ix       *search.Index
	texts    *texts
	lib      faq.Library
	passages map[string]located
	suggest  []suggestion
	// warm starts the index's cache warm-up once; stopWarm stops it and warmed is
	// closed once it ended. They are nil until it starts.
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

// close releases the build's index and texts.
func (st *state) close() error {
	st.warm.Do(func() {}) // no warm-up starts after this
	if st.stopWarm != nil {
		st.stopWarm()
		<-st.warmed
	}
	return errors.Join(st.ix.Close(), st.texts.close())
}

// startWarm warms the index's cache in the background: questions are answered
// meanwhile, and once it is done the first question using a common word is as
// fast as later ones. It is started once the build is in service, not while the
// engine starts, so as not to slow start-up.
func (st *state) startWarm() {
	st.warm.Do(func() {
		ctx, cancel := context.WithCancel(context.Background())
		st.stopWarm, st.warmed = cancel, make(chan struct{})
		go func() {
			defer close(st.warmed)
			st.ix.Warm(ctx)
		}()
	})
}

func loadState(build string) (*state, error) {
	m, err := readMeta(build)
	if err != nil {
		return nil, err
	}
	snap, err := readSnapshot(build)
	if err != nil {
		return nil, err
	}
	t, err := openTexts(build)
	if err != nil {
		return nil, err
	}
	ix, err := search.Open(filepath.Join(build, bleveDir), snap.Library.Synonyms)
	if err != nil {
		t.close()
		return nil, err
	}
	return newState(build, m, ix, t, snap), nil
}

func newState(build string, m meta, ix *search.Index, t *texts, snap snapshot) *state {
	lib := snap.Library
	st := &state{build: build, fingerprint: m.Fingerprint, files: m.Files, ix: ix, texts: t,
		lib: lib, passages: make(map[string]located, lib.Passages())}
	n := 0
	for i := range st.lib.Documents {
		d := &st.lib.Documents[i]
		for j := range d.Passages {
			st.passages[d.Passages[j].ID] = located{doc: d, p: &d.Passages[j], ref: snap.Texts[n], texts: t}
			n++
		}
	}
	st.suggest = newSuggestions(st.lib)
	return st
}
