package search

import (
	"context"
	"math"

	"github.com/faqbot/faqbot/internal/faq"
)

// DefaultMinCoverage is the share of a question's weight the best passage must match
// to be the answer.
const DefaultMinCoverage = 0.6

// Options are the decision thresholds calibrated with this ranking; zero values mean
// defaults.
type Options struct {
	// MinCoverage is the share of a question's weight, and of what its asking
	// sentences say, the best passage must match to be the answer; 0 (or less)
	// means DefaultMinCoverage.
	MinCoverage float64
}

// withDefaults returns o with its zero values replaced by the defaults.
func (o Options) withDefaults() Options {
	if o.MinCoverage <= 0 {
		o.MinCoverage = DefaultMinCoverage
	}
	return o
}

// The answer decision, calibrated with the ranking of rank.go.
const (
	// shortQuestion: a question with more topic terms needs less coverage (real
	// users add context no passage repeats), falling with the square root of its
	// length; what its asking sentences say must still be covered as much as a
	// short question.
	shortQuestion = 4
	// minShortComplete is the share of a short question's topic terms a passage
	// must match.
	minShortComplete = 0.75
	// minNearCoverage is how much of a question a passage must match to be offered
	// as a nearby topic when the question is not answered.
	minNearCoverage = 0.2
)

// Rank returns up to n hits for question, best first, with the verdict: the best
// passage is the answer only when it matches enough of the question (so there is
// none with n < 1); otherwise the hits are the nearest topics, those that match
// some of it. The question is never read as query syntax.
func (ix *Index) Rank(ctx context.Context, question string, n int) (faq.Ranking, error) {
	res, err := ix.find(ctx, question, n)
	if err != nil {
		return faq.Ranking{}, err
	}
	return ix.decide(res), nil
}

// decide turns a question's result into a verdict on its hits. Hits on passages
// the library does not have are left out.
func (ix *Index) decide(res result) faq.Ranking {
	hits := res.hits[:0]
	for _, h := range res.hits {
		if _, ok := ix.byID[h.passageID]; ok {
			hits = append(hits, h)
		}
	}
	if len(hits) == 0 || !ix.answers(hits[0], res.terms) {
		r := faq.Ranking{Verdict: faq.VerdictNotCovered}
		if res.terms == 0 && len(res.unknown) == 0 {
			r.Verdict = faq.VerdictNoQuestion
		}
		for _, h := range hits {
			if h.coverage >= minNearCoverage {
				r.Hits = append(r.Hits, faq.Hit{PassageID: h.passageID, Score: h.score})
			}
		}
		return r
	}
	r := faq.Ranking{Verdict: faq.VerdictAnswer, Hits: make([]faq.Hit, len(hits))}
	for i, h := range hits {
		r.Hits[i] = faq.Hit{PassageID: h.passageID, Score: h.score}
	}
	return r
}

// answers reports whether a hit answers a question with the given number of topic
// terms: it must match a topic term as written or through a synonym, enough of what
// the question asks, and enough of the whole question.
func (ix *Index) answers(h match, terms int) bool { return ix.shortfall(h, terms) == "" }

// shortfall says what a hit lacks to answer a question with the given number of
// topic terms; "" when it answers it.
func (ix *Index) shortfall(h match, terms int) string {
	if terms <= shortQuestion && h.complete < minShortComplete {
		// A short question names few things: a passage that leaves one of them out
		// ("is ketamine safe while pregnant" against a passage without pregnancy)
		// does not answer it, however rare the others are.
		return "it leaves out a topic of a short question (complete)"
	}
	switch { // (written so that a NaN fails)
	case !h.anchored:
		return "it matches no topic term as written or through a synonym (anchored)"
	case !(h.key >= ix.opt.MinCoverage):
		return "it matches too little of what the question asks (key)"
	case !(h.coverage >= ix.needCoverage(terms)):
		return "it matches too little of the question (coverage)"
	}
	return ""
}

// needCoverage is the coverage the answer to a question with the given number of
// topic terms must have.
func (ix *Index) needCoverage(terms int) float64 {
	need := ix.opt.MinCoverage
	if terms > shortQuestion {
		need *= math.Sqrt(float64(shortQuestion) / float64(terms))
	}
	return need
}
