package index

import (
	"context"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"time"

	"github.com/faqbot/faqbot/internal/content"
	"github.com/faqbot/faqbot/internal/faq"
)

// ErrNoEarlierBuild: a rollback with no earlier good build kept to go back to.
var ErrNoEarlierBuild = errors.New("no earlier build to roll back to")

// Rollback puts back in service, atomically, the newest good build kept that is older
// than the one CURRENT names, and marks that one rolled back from: it is then
// neither kept nor rolled back to again, so twice in a row goes two builds back. The
// content is held: it is not built again by itself (at start-up, by the content
// watch) until it changes, though `faqbot index` and /reindex still build it when
// asked. Other processes serving from the index directory follow with their content
// watch (Watch). A call while a reindex runs returns ErrReindexRunning.
func (s *Store) Rollback(ctx context.Context) (faq.RollbackReport, error) {
	if !s.reindex.TryLock() {
		return faq.RollbackReport{}, ErrReindexRunning
	}
	defer s.reindex.Unlock()
	s.mu.RLock()
	closed := s.closed
	s.mu.RUnlock()
	if closed {
		return faq.RollbackReport{}, ErrClosed
	}
	cur, err := currentBuild(s.cfg.IndexDir)
	if err != nil {
		return faq.RollbackReport{}, fmt.Errorf("roll back: %w", err)
	}
	all, err := listBuilds(s.cfg.IndexDir)
	if err != nil {
		return faq.RollbackReport{}, fmt.Errorf("roll back: %w", err)
	}
	var from meta
	if cur != "" {
		if from, err = readMeta(cur); err != nil {
			s.log.Warn("roll back: the build in service has no readable meta", "build", filepath.Base(cur), "err", err)
		}
	}
	for _, b := range goodBuilds(all) {
		if b.dir == cur || (!from.Built.IsZero() && !b.meta.Built.Before(from.Built)) {
			continue
		}
		if err := ctx.Err(); err != nil {
			return faq.RollbackReport{}, err
		}
		st, err := loadBuild(b.dir, s.backend)
		if err != nil {
			s.log.Warn("roll back: cannot open an earlier build; trying the one before", "build", filepath.Base(b.dir), "err", err)
			continue
		}
		st.answers = newAnswerCache(s.cfg.AnswerCache)
		if err := s.switchBack(cur, b.dir); err != nil {
			st.close()
			return faq.RollbackReport{}, fmt.Errorf("roll back: %w", err)
		}
		if err := s.swap(st); err != nil {
			return faq.RollbackReport{}, err
		}
		r := faq.RollbackReport{Built: b.meta.Built, Documents: b.meta.Documents, Passages: b.meta.Passages, From: from.Built}
		s.log.Info("rolled back", "build", filepath.Base(b.dir), "built", r.Built.Format(time.RFC3339),
			"documents", r.Documents, "passages", r.Passages, "from", filepath.Base(cur))
		return r, nil
	}
	return faq.RollbackReport{}, ErrNoEarlierBuild
}

// switchBack marks the build cur rolled back from, makes CURRENT name the build in
// dir, and holds the content.
func (s *Store) switchBack(cur, dir string) error {
	marker := ""
	if cur != "" {
		marker = filepath.Join(cur, retiredFile)
		if err := os.WriteFile(marker, nil, 0o644); err != nil {
			return err
		}
	}
	if err := setCurrent(s.cfg.IndexDir, dir); err != nil {
		if marker != "" {
			os.Remove(marker)
		}
		return err
	}
	files, newest, err := filesFingerprintNewest(s.cfg.ContentDir)
	if err != nil || time.Since(newest) < racyWindow {
		files = ""
	}
	fp, err := content.Fingerprint(s.cfg.ContentDir)
	if err != nil {
		s.log.Warn("rolled back, but the content could not be read to hold it: it will be built again at the next start", "err", err)
		return nil
	}
	h := hold{Fingerprint: fp, Files: files, Reason: heldRolledBack, Since: time.Now().UTC()}
	if err := writeHold(s.cfg.IndexDir, h); err != nil {
		s.log.Warn("rolled back", "err", err)
	}
	return nil
}
