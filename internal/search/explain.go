package search

import (
	"context"
	"fmt"
	"io"
	"slices"
	"strings"

	"github.com/faqbot/faqbot/internal/faq"
)

// Explain writes, for a person tuning the content or the ranking, how question was
// analysed — its concepts with their weights, synonyms and typo corrections — the
// verdict and why, and each of up to n hits with its title, BM25 score and how much
// of the question it covers.
func (ix *Index) Explain(ctx context.Context, w io.Writer, question string, n int) error {
	concepts, asking := ix.read(question)
	res, err := ix.findConcepts(ctx, concepts, ix.asks(question, asking, concepts), max(n, candidates))
	if err != nil {
		return err
	}
	hits := slices.Clone(res.hits) // decide filters res.hits in place
	if len(hits) > n {
		hits = hits[:max(n, 0)]
	}
	r := ix.decide(res)

	var b strings.Builder
	fmt.Fprintf(&b, "Question: %q\n", question)
	fmt.Fprintf(&b, "Verdict: %s\n", ix.explainVerdict(r, hits, res))
	fmt.Fprintf(&b, "Topic terms: %d; an answer must cover %.2f of the question and %.2f of what it asks",
		res.terms, ix.needCoverage(res.terms, match{}), ix.opt.MinCoverage)
	if res.terms <= shortQuestion {
		fmt.Fprintf(&b, ", and %.2f of its topics (a short question)", minShortComplete)
	}
	b.WriteString("\n")
	if len(res.unknown) > 0 {
		fmt.Fprintf(&b, "Unknown to the content: %s\n", strings.Join(res.unknown, ", "))
	}
	fmt.Fprintf(&b, "Asks about: %s (first: %s)\n", aspects.namesOf(res.asked.all), aspects.namesOf(res.asked.first))

	b.WriteString("\nConcepts, most important first (× is what a match of each alternative counts):\n")
	if len(concepts) == 0 {
		b.WriteString("  none: nothing to search for\n")
	}
	for _, c := range concepts {
		explainConcept(&b, c)
	}

	b.WriteString("\nHits, best first:\n")
	if len(hits) == 0 {
		b.WriteString("  none\n")
	}
	for i, h := range hits {
		fmt.Fprintf(&b, "  %d. %s\n     %s: %s\n", i+1, ix.title(h.passageID), h.passageID, ix.role(r, h))
		fmt.Fprintf(&b, "     score %.3f  coverage %.2f  heading %.2f  complete %.2f  heading complete %.2f  key %.2f  key heading %.2f  anchored %s\n",
			h.score, h.coverage, h.heading, h.complete, h.headingComplete, h.key, h.keyHeading, yesNo(h.anchored))
		fmt.Fprintf(&b, "     answers: %s (×%g)  subject %.2f\n", aspects.namesOf(h.aspects), aspectFactor(h, res.asked), h.subject)
	}
	_, err = io.WriteString(w, b.String())
	return err
}

// explainVerdict says what the verdict is and, when no passage answers, why.
func (ix *Index) explainVerdict(r faq.Ranking, hits []match, res result) string {
	switch {
	case r.Verdict == faq.VerdictAnswer:
		return fmt.Sprintf("%s: %q", r.Verdict, ix.title(r.Hits[0].PassageID))
	case r.Verdict == faq.VerdictNoQuestion:
		return fmt.Sprintf("%s: the question has nothing to search for", r.Verdict)
	case len(hits) == 0:
		return fmt.Sprintf("%s: no passage matches", r.Verdict)
	}
	var known []match
	for _, h := range hits {
		if _, ok := ix.byID[h.passageID]; ok {
			known = append(known, h)
		}
	}
	if len(known) > 0 {
		what := "the closest are offered"
		if r.Verdict != faq.VerdictUnsure {
			what = "none is close"
		}
		return fmt.Sprintf("%s: the best passage does not surely answer it: %s; %s", r.Verdict, ix.shortfall(known, res), what)
	}
	return fmt.Sprintf("%s: no passage of the library matches", r.Verdict)
}

// explainConcept writes a concept and its alternatives.
func explainConcept(b *strings.Builder, c concept) {
	fmt.Fprintf(b, "  %-20s weight %.2f", c.text, c.weight)
	switch {
	case !c.known:
		b.WriteString("  unknown to the content")
	case c.generic:
		b.WriteString("  generic word")
	}
	if c.factor < 1 {
		fmt.Fprintf(b, "  context (×%g)", c.factor)
	}
	b.WriteString("\n")
	if len(c.alts) == 0 {
		return
	}
	alts := make([]string, len(c.alts))
	for i, a := range c.alts {
		alts[i] = fmt.Sprintf("%s ×%g", strings.Join(a.terms, " "), a.factor)
		switch {
		case a.typo && a.anchors:
			alts[i] += " (typo, anchors)"
		case a.typo:
			alts[i] += " (typo)"
		}
	}
	fmt.Fprintf(b, "      %s\n", strings.Join(alts, "; "))
}

// role says what becomes of the i-th hit in the ranking r.
func (ix *Index) role(r faq.Ranking, h match) string {
	if _, ok := ix.byID[h.passageID]; !ok {
		return "not in the library, left out"
	}
	for j, rh := range r.Hits {
		if rh.PassageID != h.passageID {
			continue
		}
		switch {
		case r.Verdict == faq.VerdictUnsure:
			return "offered among the closest"
		case r.Verdict != faq.VerdictAnswer:
			return "a nearby topic"
		case j == 0:
			return "the answer"
		default:
			return "a runner-up"
		}
	}
	if r.Verdict == faq.VerdictUnsure {
		return "not offered (not close, or a title offered already)"
	}
	return fmt.Sprintf("not offered (coverage under %.2f)", minNearCoverage)
}

// title is a passage's title, or a placeholder for one the library does not have.
func (ix *Index) title(id string) string {
	if i, ok := ix.byID[id]; ok {
		return ix.passages[i].title
	}
	return "(not in the library)"
}

func yesNo(b bool) string {
	if b {
		return "yes"
	}
	return "no"
}
