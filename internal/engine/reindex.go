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
	fp, err := content.Fingerprint(e.cfg.ContentDir)
	if err != nil {
		return faq.ReindexReport{}, fmt.Errorf("reindex: %w", err)
	}
	lib, err := content.Load(e.cfg.ContentDir)
	if err != nil {
		return faq.ReindexReport{}, fmt.Errorf("reindex: %w", err)
	}
	loaded := time.Now()
	build, err := os.MkdirTemp(e.cfg.IndexDir, buildPrefix+start.UTC().Format("20060102T150405")+"-")
	if err != nil {
		return faq.ReindexReport{}, fmt.Errorf("reindex: %w", err)
	}
	st, t, err := e.build(ctx, build, fp, lib)
	if err != nil {
		os.RemoveAll(build)
		return faq.ReindexReport{}, fmt.Errorf("reindex: %w", err)
	}

	e.mu.Lock()
	e.st = st
	e.mu.Unlock()
	var retired []string
	if old != nil {
		if err := old.ix.Close(); err != nil {
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

// build writes the index and the library snapshot into build and makes it current.
func (e *Engine) build(ctx context.Context, build, fp string, lib faq.Library) (*state, buildTimes, error) {
	var t buildTimes
	start := time.Now()
	ix, err := search.Build(ctx, filepath.Join(build, bleveDir), lib)
	if err != nil {
		return nil, t, err
	}
	t.index = time.Since(start)
	start = time.Now()
	m := meta{Fingerprint: fp, Built: time.Now().UTC(), Documents: len(lib.Documents), Passages: lib.Passages()}
	if err := writeSnapshot(build, lib, m); err != nil {
		ix.Close()
		return nil, t, err
	}
	if err := setCurrent(e.cfg.IndexDir, build); err != nil {
		ix.Close()
		return nil, t, err
	}
	t.snapshot = time.Since(start)
	for i := range lib.Documents {
		d := &lib.Documents[i]
		d.Passages = append([]faq.Passage(nil), d.Passages...)
		for j := range d.Passages {
			d.Passages[j].Plain = "" // only indexing needs it
		}
	}
	return newState(build, fp, ix, lib), t, nil
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
		case o.p.Text != n.p.Text || o.p.Title != n.p.Title ||
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
