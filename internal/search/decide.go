package search

import (
	"context"
	"fmt"
	"math"
	"strings"

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

// The answer decision, calibrated with the ranking of rank.go on the labelled
// question sets (testdata/): three outcomes — the best passage is the answer; the
// closest passages are offered, not sure any answers; or nothing is close.
const (
	// shortQuestion: a question with more topic terms needs less coverage (real
	// users add context no passage repeats), falling with the square root of its
	// length; what its asking sentences say must still be covered as much as a
	// short question.
	shortQuestion = 4
	// minShortComplete is the share of a short question's topic terms a passage
	// must match.
	minShortComplete = 0.75
	// lowSignal: a message of this many topic terms or fewer is answered only by a
	// passage whose title (or "Also asked" phrasing) says every one of them — never
	// by a word buried in a body.
	lowSignal = 2
	// minHeadingComplete is the share of the topic terms of what a question asks
	// the answer's title or alternate phrasings must say.
	minHeadingComplete = 0.5
	// minSubject is the share of the subject of an FAQ question ("Winter weather
	// emergencies") a message of one or two words must name for it to be the answer.
	minSubject = 0.5
	// maxRunnerUp: the answer must rank ahead of the next passage with another title
	// by this much (the ratio of their ranking keys); closer, it is not sure which.
	maxRunnerUp = 0.85
	// minCloseCoverage is how much of a question a passage must match to be offered
	// among the closest entries when none surely answers it.
	minCloseCoverage = 0.3
	// minCloseComplete is the share of a short question's topic terms a passage
	// must match to be offered among the closest entries.
	minCloseComplete = 0.5
	// minNearCoverage is how much of a question a passage must match to be offered
	// as a nearby topic when the question is not covered.
	minNearCoverage = 0.2
)

// Rank returns up to n hits for question, best first, with the verdict: the best
// passage is the answer only when it surely answers the question (so there is none
// with n < 1); else, when some passages come close, they are offered (unsure);
// otherwise the hits are the nearest topics, those that match some of it. The
// question is never read as query syntax.
func (ix *Index) Rank(ctx context.Context, question string, n int) (faq.Ranking, error) {
	res, err := ix.find(ctx, question, max(n, candidates))
	if err != nil {
		return faq.Ranking{}, err
	}
	r := ix.decide(res)
	if len(r.Hits) > n {
		r.Hits = r.Hits[:max(n, 0)]
	}
	if len(r.Hits) == 0 && (r.Verdict == faq.VerdictAnswer || r.Verdict == faq.VerdictUnsure) {
		r.Verdict = faq.VerdictNotCovered // no hit to give
	}
	return r, nil
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
	var r faq.Ranking
	switch {
	case len(hits) > 0 && ix.shortfall(hits, res) == "":
		r.Verdict = faq.VerdictAnswer
		for _, h := range hits {
			r.Hits = append(r.Hits, faq.Hit{PassageID: h.passageID, Score: h.score})
		}
	case res.terms == 0 && len(res.unknown) == 0:
		r.Verdict = faq.VerdictNoQuestion
	default:
		r.Verdict = faq.VerdictUnsure
		seen := map[string]bool{}
		for _, h := range hits {
			// A title several documents share is offered once.
			if title := sameTitle(ix.title(h.passageID)); ix.close(h, res) && !seen[title] {
				seen[title] = true
				r.Hits = append(r.Hits, faq.Hit{PassageID: h.passageID, Score: h.score})
			}
		}
		if len(r.Hits) > 0 {
			return r
		}
		r.Verdict = faq.VerdictNotCovered
	}
	if r.Verdict != faq.VerdictAnswer {
		for _, h := range hits {
			if h.coverage >= minNearCoverage {
				r.Hits = append(r.Hits, faq.Hit{PassageID: h.passageID, Score: h.score})
			}
		}
	}
	return r
}

// close reports whether a hit is close enough to a question to be offered when no
// passage surely answers it: it matches a topic term as written or through a
// synonym, enough of the question — or of a long message, enough of what it asks,
// some of it in its title —, at least half the topics of a short question, and for a
// message of one or two words, some of it in its title.
func (ix *Index) close(h match, res result) bool {
	enough := h.coverage >= minCloseCoverage ||
		res.terms > shortQuestion && h.key >= ix.opt.MinCoverage && h.keyHeading > 0
	return h.anchored && enough &&
		(res.terms > shortQuestion || h.complete >= minCloseComplete) && (res.terms > lowSignal || h.heading > 0)
}

// shortfall says what the best of hits lacks to surely answer the question; "" when
// it answers it.
func (ix *Index) shortfall(hits []match, res result) string {
	h, terms := hits[0], res.terms
	context := res.askTerms < terms
	if !context && terms <= shortQuestion && h.complete < minShortComplete {
		// A short question names few things: a passage that leaves one of them out
		// ("is ketamine safe while pregnant" against a passage without pregnancy)
		// does not answer it, however rare the others are.
		return "it leaves out a topic of a short question (complete)"
	}
	if context && res.askTerms <= shortQuestion && h.keyComplete < minShortComplete {
		// So does a short question after some context, whatever the context says.
		return "it leaves out a topic of what the message asks (key complete)"
	}
	switch { // (written so that a NaN fails)
	case !h.anchored:
		return "it matches no topic term as written or through a synonym (anchored)"
	case !(h.key >= ix.opt.MinCoverage):
		return "it matches too little of what the question asks (key)"
	case !(h.coverage >= ix.needCoverage(terms, h)):
		return "it matches too little of the question (coverage)"
	case res.asked.all != 0 && h.aspects != 0 && !h.aspects.has(res.asked.all):
		return fmt.Sprintf("it answers %s, the question asks about %s (aspect)", aspects.namesOf(h.aspects), aspects.namesOf(res.asked.all))
	case terms <= lowSignal && h.headingComplete < 1:
		return "a message of one or two words needs all of them in the title (heading complete)"
	case !(h.keyHeading >= minHeadingComplete):
		return "its title says too little of what the question asks (key heading)"
	case terms <= lowSignal && h.titled() && !(h.subject >= minSubject):
		return "its title is about more than a message of one or two words names (subject)"
	}
	for _, o := range hits[1:] {
		if sameTitle(ix.title(o.passageID)) == sameTitle(ix.title(h.passageID)) {
			continue // the same question answered by another document
		}
		if o.fit > maxRunnerUp*h.fit {
			return fmt.Sprintf("%q fits nearly as well (runner-up)", ix.title(o.passageID))
		}
		break
	}
	return ""
}

// sameTitle is a title as compared with others: words only, lower case ("Freeman
// Sheldon syndrome" is "Freeman-Sheldon syndrome").
func sameTitle(title string) string { return strings.Join(splitWords(title), " ") }

// needCoverage is the coverage the answer h to a question with the given number of
// topic terms must have. A long message needs less, falling with the square root
// of its length; half that when the title says all of what it asks, which it
// covers: its topic is covered, and the rest is context.
func (ix *Index) needCoverage(terms int, h match) float64 {
	need := ix.opt.MinCoverage
	if terms > shortQuestion {
		need *= math.Sqrt(float64(shortQuestion) / float64(terms))
		if h.keyHeading == 1 && h.key >= 1-1e-9 {
			need /= 2
		}
	}
	return need
}
