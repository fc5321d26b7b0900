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

// Reindex rebuilds the index from the content directory into a new build, puts it
// through the gate (the must-answer checks) and swaps it into service atomically;
// lookups are answered throughout. Content with problems is a *ContentError naming
// each file and line, failed checks a *CheckError listing each: then the new build
// is removed, the build in service stays, and the content is held (not built again
// by itself until it changes). On any other error too the build in service is left
// as it was. A second call while one runs returns ErrReindexRunning at once.
func (s *Store) Reindex(ctx context.Context) (faq.ReindexReport, error) {
	return s.reindexWith(ctx, false)
}

// ForceReindex is Reindex, but the build goes into service even when checks fail: a
// moderator's deliberate override. The report lists the checks that failed
// (Overridden), and the override is logged.
func (s *Store) ForceReindex(ctx context.Context) (faq.ReindexReport, error) {
	return s.reindexWith(ctx, true)
}

func (s *Store) reindexWith(ctx context.Context, force bool) (faq.ReindexReport, error) {
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
	s.prune() // builds killed or failed before go now
	start := time.Now()
	p, err := s.candidate(ctx, start)
	var ce *ContentError
	if errors.As(err, &ce) {
		s.holdContent(ce.fingerprint, ce.files, len(unjoin(ce.Err)))
	}
	if err != nil {
		return faq.ReindexReport{}, err
	}
	judged := time.Now()
	checks, failed, err := s.judge(ctx, p.b)
	if err != nil {
		p.discard()
		return faq.ReindexReport{}, fmt.Errorf("reindex: check the new build: %w", err)
	}
	p.times.checks = time.Since(judged)
	fresh, still := newFailures(old, failed)
	if len(fresh) > 0 && !force {
		p.discard()
		s.holdContent(p.m.Fingerprint, p.m.Files, len(fresh))
		s.log.Info("reindex refused: must-answer checks failed", "failed", len(fresh), "still_failing", len(still),
			"checks", checks, "first", fresh[0].String())
		return faq.ReindexReport{}, &CheckError{Checks: checks, Failures: fresh, Still: len(still)}
	}
	switch {
	case len(fresh) > 0:
		s.log.Warn("must-answer checks failed; build put in service anyway (forced)", "failed", len(failed),
			"checks", checks, "first", fresh[0].String(), "build", filepath.Base(p.b.dir))
	case len(still) > 0:
		s.log.Warn("must-answer checks still fail, as in the build in service", "failed", len(still),
			"checks", checks, "first", still[0].String())
	}
	p.m.Failing = make([]string, len(failed))
	for i, f := range failed {
		p.m.Failing[i] = f.Key
		p.b.failing[f.Key] = true
	}
	err = writeMeta(p.b.dir, p.m)
	if err == nil {
		err = setCurrent(s.cfg.IndexDir, p.b.dir)
	}
	if err != nil {
		p.discard()
		return faq.ReindexReport{}, fmt.Errorf("reindex: %w", err)
	}
	st := p.b
	if err := s.swap(st); err != nil {
		return faq.ReindexReport{}, err
	}
	if err := clearHold(s.cfg.IndexDir); err != nil {
		s.log.Warn("reindexed", "err", err)
	}
	s.prune()

	report := diff(old, st)
	report.Documents = len(st.lib.Documents)
	report.Passages = st.lib.Passages()
	report.Duration = time.Since(start)
	report.Checks = checks
	if len(fresh) > 0 {
		report.Overridden = failed
	} else {
		report.StillFailing = still
	}
	s.log.Info("reindexed", "documents", report.Documents, "passages", report.Passages,
		"duration", report.Duration.Round(time.Millisecond), "load", p.times.load,
		"index", p.times.index, "snapshot", p.times.snapshot, "checks", checks, "checking", p.times.checks,
		"overridden", len(report.Overridden),
		"added", len(report.Added), "removed", len(report.Removed), "changed", len(report.Changed))
	return report, nil
}

// newFailures splits the checks a new build failed into those the build in service
// (old) did not fail, which refuse the new build, and those it failed as well.
// With no build in service every failure is new.
func newFailures(old *build, failed []faq.CheckFailure) (fresh, still []faq.CheckFailure) {
	for _, f := range failed {
		if old != nil && f.Key != "" && old.failing[f.Key] {
			still = append(still, f)
		} else {
			fresh = append(fresh, f)
		}
	}
	return fresh, still
}

// judge puts b through the gate; no gate passes every build.
func (s *Store) judge(ctx context.Context, b *build) (int, []faq.CheckFailure, error) {
	if s.gate == nil {
		return 0, nil, nil
	}
	return s.gate(ctx, &Candidate{b: b})
}

// holdContent records that the content with these fingerprints failed, so that it is
// not built again by itself until it changes.
func (s *Store) holdContent(fingerprint, files string, problems int) {
	if fingerprint == "" {
		return
	}
	h := hold{Fingerprint: fingerprint, Files: files, Reason: heldFailed, Since: time.Now().UTC(), Problems: problems}
	if err := writeHold(s.cfg.IndexDir, h); err != nil {
		s.log.Warn("reindex failed", "err", err)
	}
}

// unjoin returns the errors err joins, or err alone.
func unjoin(err error) []error {
	if j, ok := err.(interface{ Unwrap() []error }); ok {
		return j.Unwrap()
	}
	return []error{err}
}

// pending is a build made and not yet in service: its meta is written when it goes
// into service.
type pending struct {
	b     *build
	m     meta
	times buildTimes
}

// discard closes the build and removes it.
func (p *pending) discard() {
	p.b.close()
	os.RemoveAll(p.b.dir)
}

// buildTimes says where a build's time went.
type buildTimes struct {
	load, index, snapshot, checks time.Duration
}

// candidate builds the content into a new build directory, locked, with its ranker
// open, and returns it; nothing on disk names it yet.
func (s *Store) candidate(ctx context.Context, start time.Time) (*pending, error) {
	if _, err := os.Stat(s.cfg.ContentDir); errors.Is(err, fs.ErrNotExist) {
		return nil, fmt.Errorf("%w: %s (run faqbot where content/ is, or set CONTENT_DIR or -content)", ErrNoContent, s.cfg.ContentDir)
	}
	// The files' names, sizes and times are taken before their bytes are read, so
	// that a file changed while the build runs is read again at the next start. A
	// file changed just now could change again within the file system's clock
	// tick, unseen: then the next start reads the content whatever the times say.
	files, newest, err := filesFingerprintNewest(s.cfg.ContentDir)
	if err != nil || time.Since(newest) < racyWindow {
		files = ""
	}
	dir, lock, err := newBuildDir(s.cfg.IndexDir, start)
	if err != nil {
		return nil, fmt.Errorf("reindex: %w", err)
	}
	abandon := func() {
		os.RemoveAll(dir)
		lock.Close()
	}
	// The passages' texts go to the build's texts file as the content is read: the
	// library is never in memory with them all.
	tw, err := newTextWriter(dir)
	if err != nil {
		abandon()
		return nil, fmt.Errorf("reindex: %w", err)
	}
	lib, fp, err := content.LoadEach(s.cfg.ContentDir, tw.add)
	if err != nil {
		tw.abort()
		abandon()
		var ce *content.Error
		if errors.As(err, &ce) {
			return nil, &ContentError{Err: err, fingerprint: fp, files: files}
		}
		return nil, fmt.Errorf("reindex: %w", err)
	}
	refs, err := tw.finish(lib)
	if err != nil {
		abandon()
		return nil, fmt.Errorf("reindex: %w", err)
	}
	m := meta{Fingerprint: fp, Files: files, Documents: len(lib.Documents), Passages: lib.Passages()}
	p := &pending{m: m, times: buildTimes{load: time.Since(start)}}
	if err := s.build(ctx, p, dir, lib, refs); err != nil {
		abandon()
		return nil, fmt.Errorf("reindex: %w", err)
	}
	p.b.lock = lock
	p.b.answers = newAnswerCache(s.cfg.AnswerCache)
	return p, nil
}

// newBuildDir makes a new build directory and locks it. A process removing builds
// could take the new directory for one left by a killed build before it is locked:
// then it is made again.
func newBuildDir(indexDir string, start time.Time) (string, *os.File, error) {
	var err error
	for range 3 {
		var dir string
		dir, err = os.MkdirTemp(indexDir, buildPrefix+start.UTC().Format("20060102T150405")+"-")
		if err != nil {
			return "", nil, err
		}
		lock, lerr := lockShared(dir)
		if lerr == nil {
			return dir, lock, nil
		}
		os.RemoveAll(dir)
		err = lerr
	}
	return "", nil, err
}

// build writes the ranker's index and the library snapshot into dir, where the
// passages' texts already are (refs), and opens them as p's build. It takes lib
// over: the ranker may drop what it has indexed.
func (s *Store) build(ctx context.Context, p *pending, dir string, lib faq.Library, refs []textRef) error {
	start := time.Now()
	r, err := s.backend.Build(ctx, filepath.Join(dir, rankerDir), lib)
	if err != nil {
		return err
	}
	p.times.index = time.Since(start)
	start = time.Now()
	p.m.Built = time.Now().UTC()
	snap := snapshot{Library: leanLibrary(lib), Texts: refs}
	if err := writeSnapshot(dir, snap); err != nil {
		r.Close()
		return err
	}
	texts, err := openTexts(dir)
	if err != nil {
		r.Close()
		return err
	}
	p.times.snapshot = time.Since(start)
	p.b = newBuild(dir, p.m, r, texts, snap)
	return nil
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
