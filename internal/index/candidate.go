package index

import (
	"context"
	"fmt"
	"strings"

	"github.com/faqbot/faqbot/internal/faq"
)

// Gate judges a new build before it is put in service: it asks the candidate the
// content's must-answer checks and returns how many it asked and those that failed.
// An error (not a failed check: a cancelled context, say) fails the reindex. The
// answering service's gate (answer.Service.Gate) runs its own decision against the
// candidate, so that the checks judge exactly what users would get.
type Gate func(ctx context.Context, c *Candidate) (checks int, failed []faq.CheckFailure, err error)

// Candidate is a build made but not yet in service, as a Gate sees it.
type Candidate struct {
	b *build
}

// Find ranks the candidate's passages for question exactly as Store.Find does for
// the build in service.
func (c *Candidate) Find(ctx context.Context, question string, n int) (faq.Match, error) {
	return c.b.find(ctx, question, n)
}

// Library returns the candidate's library, without the passages' texts. It is
// shared: the caller must not change it.
func (c *Candidate) Library() faq.Library { return c.b.lib }

// CheckError is a build refused because must-answer checks failed; the build in
// service stays. Failures lists each, as "file:line: problem".
type CheckError struct {
	Checks   int
	Failures []faq.CheckFailure
	// Still is how many other checks failed that the build in service fails too:
	// they alone would not have refused the build.
	Still int
}

// Error says how many checks failed.
func (e *CheckError) Error() string {
	return fmt.Sprintf("%d of %d must-answer checks failed", len(e.Failures), e.Checks)
}

// Lines returns the failures, one "file:line: problem" a line.
func (e *CheckError) Lines() string { return FailureLines(e.Failures) }

// FailureLines writes failures one "file:line: problem" a line.
func FailureLines(failures []faq.CheckFailure) string {
	lines := make([]string, len(failures))
	for i, f := range failures {
		lines[i] = f.String()
	}
	return strings.Join(lines, "\n")
}

// SetGate makes every build of the Store pass gate before it is put in service:
// reindexes, the build Load makes when the content changed, and Check.
func (s *Store) SetGate(gate Gate) {
	s.reindex.Lock()
	defer s.reindex.Unlock()
	s.gate = gate
}

// find ranks the build's passages for question; with VerdictAnswer the first entry
// carries its text.
func (b *build) find(ctx context.Context, question string, n int) (faq.Match, error) {
	if m, ok := b.answers.get(question, n); ok {
		return m, nil
	}
	r, err := b.ranker.Rank(ctx, question, n)
	if err != nil {
		return faq.Match{}, fmt.Errorf("rank: %w", err)
	}
	m := faq.Match{Verdict: r.Verdict, Entries: b.entries(r.Hits)}
	if m.Verdict == faq.VerdictAnswer {
		if len(m.Entries) == 0 {
			m.Verdict = faq.VerdictNotCovered
		} else {
			m.Entries[0].Text = b.passages[m.Entries[0].Passage.ID].text()
		}
	}
	b.answers.put(question, n, m)
	return m, nil
}

// Has reports whether the candidate has a passage with this ID.
func (c *Candidate) Has(passageID string) bool {
	_, ok := c.b.passages[passageID]
	return ok
}
