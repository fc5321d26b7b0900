package engine

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"sort"
	"time"

	"github.com/faqbot/faqbot/internal/content"
	"github.com/faqbot/faqbot/internal/faq"
	"github.com/faqbot/faqbot/internal/search"
)

// Reindex rebuilds the index from the content directory into a new build and swaps
// it into service atomically; questions are answered throughout. On any error (bad
// content names the file and line) the index in service is left as it was. A
// second call while one runs returns faq.ErrReindexRunning at once.
func (e *Engine) Reindex(ctx context.Context) (faq.ReindexReport, error) {
	if !e.reindex.TryLock() {
		return faq.ReindexReport{}, faq.ErrReindexRunning
	}
	defer e.reindex.Unlock()
	e.mu.RLock()
	closed, old := e.closed, e.st
	e.mu.RUnlock()
	if closed {
		return faq.ReindexReport{}, faq.ErrClosed
	}

	start := time.Now()
	// The files' names, sizes and times are taken before their bytes are read, so
	// that a file changed while the build runs is read again at the next start. A
	// file changed just now could change again within the file system's clock
	// tick, unseen: then the next start reads the content whatever the times say.
	files, newest, err := filesFingerprintNewest(e.cfg.ContentDir)
	if err != nil || time.Since(newest) < racyWindow {
		files = ""
	}
	lib, fp, err := content.LoadFingerprint(e.cfg.ContentDir)
	if err != nil {
		return faq.ReindexReport{}, fmt.Errorf("reindex: %w", err)
	}
	loaded := time.Now()
	build, err := os.MkdirTemp(e.cfg.IndexDir, buildPrefix+start.UTC().Format("20060102T150405")+"-")
	if err != nil {
		return faq.ReindexReport{}, fmt.Errorf("reindex: %w", err)
	}
	m := meta{Fingerprint: fp, Files: files, Documents: len(lib.Documents), Passages: lib.Passages()}
	st, t, err := e.build(ctx, build, m, lib)
	if err != nil {
		os.RemoveAll(build)
		return faq.ReindexReport{}, fmt.Errorf("reindex: %w", err)
	}

	e.mu.Lock()
	e.st = st
	e.mu.Unlock()
	st.startWarm()
	var retired []string
	if old != nil {
		if err := old.close(); err != nil {
			e.log.Warn("close previous index", "build", old.build, "err", err)
		}
		retired = append(retired, old.build)
	}
	removeOldBuilds(e.cfg.IndexDir, build, retired...)

	report := diff(old, st)
	report.Documents = len(st.lib.Documents)
	report.Passages = st.lib.Passages()
	report.Duration = time.Since(start)
	e.log.Info("reindexed", "documents", report.Documents, "passages", report.Passages,
		"duration", report.Duration.Round(time.Millisecond), "load", loaded.Sub(start),
		"index", t.index, "snapshot", t.snapshot, "added", len(report.Added),
		"removed", len(report.Removed), "changed", len(report.Changed))
	return report, nil
}

// buildTimes says where a build's time went.
type buildTimes struct {
	index, snapshot time.Duration
}

// build writes the passages' texts, the index and the library snapshot into build
// and makes it current. The texts are written first and dropped from lib, which
// this takes over, so that they are not in memory while the index is built.
func (e *Engine) build(ctx context.Context, build string, m meta, lib faq.Library) (*state, buildTimes, error) {
	var t buildTimes
	start := time.Now()
	refs, err := writeTexts(build, lib)
	if err != nil {
		return nil, t, err
	}
	t.snapshot = time.Since(start)
	start = time.Now()
	ix, err := search.Build(ctx, filepath.Join(build, bleveDir), lib)
	if err != nil {
		return nil, t, err
	}
	t.index = time.Since(start)
	start = time.Now()
	m.Built = time.Now().UTC()
	snap := snapshot{Library: leanLibrary(lib), Texts: refs}
	if err := writeLibrary(build, snap, m); err != nil {
		ix.Close()
		return nil, t, err
	}
	texts, err := openTexts(build)
	if err != nil {
		ix.Close()
		return nil, t, err
	}
	if err := setCurrent(e.cfg.IndexDir, build); err != nil {
		ix.Close()
		texts.close()
		return nil, t, err
	}
	t.snapshot += time.Since(start)
	return newState(build, m, ix, texts, snap), t, nil
}

// diff lists the passages added, removed and changed between two builds.
func diff(old, cur *state) faq.ReindexReport {
	var r faq.ReindexReport
	if old == nil {
		return r
	}
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
