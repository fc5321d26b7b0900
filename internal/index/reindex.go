package index

import (
	"context"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"sort"
	"time"

	"github.com/faqbot/faqbot/internal/content"
	"github.com/faqbot/faqbot/internal/faq"
)

// Reindex rebuilds the index from the content directory into a new build and swaps
// it into service atomically; lookups are answered throughout. On any error (bad
// content is a *ContentError naming each file and line) the build in service is
// left as it was. A second call while one runs returns ErrReindexRunning at once.
func (s *Store) Reindex(ctx context.Context) (faq.ReindexReport, error) {
	if !s.reindex.TryLock() {
		return faq.ReindexReport{}, ErrReindexRunning
	}
	defer s.reindex.Unlock()
	s.mu.RLock()
	closed, old := s.closed, s.st
	s.mu.RUnlock()
	if closed {
		return faq.ReindexReport{}, ErrClosed
	}

	if _, err := os.Stat(s.cfg.ContentDir); errors.Is(err, fs.ErrNotExist) {
		return faq.ReindexReport{}, fmt.Errorf("%w: %s (run faqbot where content/ is, or set CONTENT_DIR or -content)", ErrNoContent, s.cfg.ContentDir)
	}
	start := time.Now()
	// The files' names, sizes and times are taken before their bytes are read, so
	// that a file changed while the build runs is read again at the next start. A
	// file changed just now could change again within the file system's clock
	// tick, unseen: then the next start reads the content whatever the times say.
	files, newest, err := filesFingerprintNewest(s.cfg.ContentDir)
	if err != nil || time.Since(newest) < racyWindow {
		files = ""
	}
	dir, err := os.MkdirTemp(s.cfg.IndexDir, buildPrefix+start.UTC().Format("20060102T150405")+"-")
	if err != nil {
		return faq.ReindexReport{}, fmt.Errorf("reindex: %w", err)
	}
	// The passages' texts go to the build's texts file as the content is read: the
	// library is never in memory with them all.
	tw, err := newTextWriter(dir)
	if err != nil {
		os.RemoveAll(dir)
		return faq.ReindexReport{}, fmt.Errorf("reindex: %w", err)
	}
	lib, fp, err := content.LoadEach(s.cfg.ContentDir, tw.add)
	if err != nil {
		tw.abort()
		os.RemoveAll(dir)
		var ce *content.Error
		if errors.As(err, &ce) {
			return faq.ReindexReport{}, &ContentError{Err: err}
		}
		return faq.ReindexReport{}, fmt.Errorf("reindex: %w", err)
	}
	refs, err := tw.finish(lib)
	if err != nil {
		os.RemoveAll(dir)
		return faq.ReindexReport{}, fmt.Errorf("reindex: %w", err)
	}
	loaded := time.Now()
	m := meta{Fingerprint: fp, Files: files, Documents: len(lib.Documents), Passages: lib.Passages()}
	st, t, err := s.build(ctx, dir, m, lib, refs)
	if err != nil {
		os.RemoveAll(dir)
		return faq.ReindexReport{}, fmt.Errorf("reindex: %w", err)
	}
	st.answers = newAnswerCache(s.cfg.AnswerCache)

	s.mu.Lock()
	s.st = st
	s.mu.Unlock()
	s.startWarm(st)
	var retired []string
	if old != nil {
		if err := old.close(); err != nil {
			s.log.Warn("close previous index", "build", old.dir, "err", err)
		}
		retired = append(retired, old.dir)
	}
	removeOldBuilds(s.cfg.IndexDir, dir, retired...)

	report := diff(old, st)
	report.Documents = len(st.lib.Documents)
	report.Passages = st.lib.Passages()
	report.Duration = time.Since(start)
	s.log.Info("reindexed", "documents", report.Documents, "passages", report.Passages,
		"duration", report.Duration.Round(time.Millisecond), "load", loaded.Sub(start),
		"index", t.index, "snapshot", t.snapshot, "added", len(report.Added),
		"removed", len(report.Removed), "changed", len(report.Changed))
	return report, nil
}

// buildTimes says where a build's time went.
type buildTimes struct {
	index, snapshot time.Duration
}

// build writes the ranker's index and the library snapshot into dir, where the
// passages' texts already are (refs), and makes it current. It takes lib over: the
// ranker may drop what it has indexed.
func (s *Store) build(ctx context.Context, dir string, m meta, lib faq.Library, refs []textRef) (*build, buildTimes, error) {
	var t buildTimes
	start := time.Now()
	r, err := s.backend.Build(ctx, filepath.Join(dir, rankerDir), lib)
	if err != nil {
		return nil, t, err
	}
	t.index = time.Since(start)
	start = time.Now()
	m.Built = time.Now().UTC()
	snap := snapshot{Library: leanLibrary(lib), Texts: refs}
	if err := writeSnapshot(dir, snap); err != nil {
		r.Close()
		return nil, t, err
	}
	if err := writeMeta(dir, m); err != nil {
		r.Close()
		return nil, t, err
	}
	texts, err := openTexts(dir)
	if err != nil {
		r.Close()
		return nil, t, err
	}
	if err := setCurrent(s.cfg.IndexDir, dir); err != nil {
		r.Close()
		texts.close()
		return nil, t, err
	}
	t.snapshot += time.Since(start)
	return newBuild(dir, m, r, texts, snap), t, nil
}

// diff lists the passages added, removed and changed between two builds.
func diff(old, cur *build) faq.ReindexReport {
	if old == nil {
		return faq.ReindexReport{First: true}
	}
	var r faq.ReindexReport
	for id, n := range cur.passages {
		o, ok := old.passages[id]
		switch {
		case !ok:
			r.Added = append(r.Added, n.p.Title)
		case o.ref.Hash != n.ref.Hash || o.ref.Len != n.ref.Len || o.p.Title != n.p.Title ||
			fmt.Sprint(o.p.Alternates) != fmt.Sprint(n.p.Alternates):
			r.Changed = append(r.Changed, n.p.Title)
		}
	}
	for id, o := range old.passages {
		if _, ok := cur.passages[id]; !ok {
			r.Removed = append(r.Removed, o.p.Title)
		}
	}
	sort.Strings(r.Added)
	sort.Strings(r.Removed)
	sort.Strings(r.Changed)
	return r
}
