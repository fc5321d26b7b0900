package index

import (
	"context"
	"fmt"
	"time"

	"github.com/faqbot/faqbot/internal/faq"
)

// CheckReport is what Check found: the library the content makes (without the
// passages' texts), how many must-answer checks it was put through, and those that
// failed.
type CheckReport struct {
	Library  faq.Library
	Checks   int
	Failures []faq.CheckFailure
}

// Check builds the content into a build of its own, puts it through the gate and
// removes it: nothing is switched or held, and the build in service is untouched.
// Content with problems is a *ContentError, as for Reindex; failed checks are in the
// report, not an error. A call while a reindex runs returns ErrReindexRunning.
func (s *Store) Check(ctx context.Context) (CheckReport, error) {
	if !s.reindex.TryLock() {
		return CheckReport{}, ErrReindexRunning
	}
	defer s.reindex.Unlock()
	p, err := s.candidate(ctx, time.Now())
	if err != nil {
		return CheckReport{}, err
	}
	defer p.discard()
	checks, failed, err := s.judge(ctx, p.b)
	if err != nil {
		return CheckReport{}, fmt.Errorf("check the build: %w", err)
	}
	return CheckReport{Library: p.b.lib, Checks: checks, Failures: failed}, nil
}
