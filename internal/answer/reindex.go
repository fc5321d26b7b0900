package answer

import (
	"context"
	"fmt"

	"github.com/faqbot/faqbot/internal/faq"
)

// Reindex rebuilds the index, through the must-answer checks unless r.Force; see
// faq.Service.
func (s *Service) Reindex(ctx context.Context, r faq.ReindexRequest) (faq.ReindexReport, error) {
	start := s.cfg.Now()
	reindex := s.lib.Reindex
	if r.Force {
		reindex = s.lib.ForceReindex
	}
	report, err := reindex(ctx)
	err = s.userError(err)
	e := s.event(faq.ActionReindex, r.Origin, start, err)
	if err == nil {
		e.Reindex = &report
	}
	s.obs.Observe(e)
	return report, err
}

// Rollback puts the previous build back in service; see faq.Service.
func (s *Service) Rollback(ctx context.Context, r faq.ReindexRequest) (faq.RollbackReport, error) {
	start := s.cfg.Now()
	report, err := s.lib.Rollback(ctx)
	err = s.userError(err)
	e := s.event(faq.ActionRollback, r.Origin, start, err)
	if err == nil {
		e.Rollback = &report
	}
	s.obs.Observe(e)
	return report, err
}

// Reviews lists the documents in service overdue for review and those without a
// review date; see faq.Service.
func (s *Service) Reviews(ctx context.Context) (faq.Reviews, error) {
	lib, err := s.lib.Library()
	if err != nil {
		return faq.Reviews{}, s.userError(err)
	}
	return s.ReviewsOf(lib), nil
}

// ReviewsOf lists the documents of lib overdue for review, oldest first, and those
// without a review date, with the service's maximum age, today.
func (s *Service) ReviewsOf(lib faq.Library) faq.Reviews {
	return faq.ReviewsOf(lib, s.cfg.ReviewMaxAge, s.cfg.Now())
}

// reviewNotice is the notice an answer from d carries when d is overdue for review.
func (s *Service) reviewNotice(d *faq.Document) string {
	due := d.ReviewDue(s.cfg.ReviewMaxAge)
	if due.IsZero() || !s.cfg.Now().After(due) {
		return ""
	}
	return fmt.Sprintf(ReviewNoticeText, d.Reviewed.Format(faq.DateLayout))
}
