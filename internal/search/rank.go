package search

import (
	"context"
	"fmt"
	"sort"
)

// candidates is how many hits are re-ranked by how much of the question they cover.
const candidates = 10

// Hit is one passage that matches a question.
type Hit struct {
	PassageID string
	// Score is bleve's BM25 score of the passage.
	Score float64
	// Coverage is the share (0..1) of the question's weight the passage matches:
	// each term weighs its rarity (IDF), and terms the content does not know at all
	// weigh as much as the rarest term.
	Coverage float64
	// Heading is the share of the question's weight the passage's title and
	// alternate phrasings alone match.
	Heading float64
	// Complete is the share of the question's topic terms the passage matches at
	// all, each counted once whatever its weight.
	Complete float64
	// HeadingComplete is the share of the question's topic terms the passage's
	// title and alternate phrasings match: an FAQ question that says everything the
	// user asked is the best match of all.
	HeadingComplete float64
	// Key is the share of the weight of the question's asking sentences that the
	// passage matches: what a question with context around it is about. Without
	// context it equals Coverage.
	Key float64
	// Anchored is true when the passage matches at least one topic term of the
	// question as written or through a synonym — not only generic words or typo
	// corrections.
	Anchored bool
}

// Result is the outcome of a search.
type Result struct {
	// Hits are the best passages, best first.
	Hits []Hit
	// Terms counts the question's topic terms (generic words left out).
	Terms int
	// Unknown lists question terms that no passage contains, even allowing for typos
	// and synonyms.
	Unknown []string
}

// Search finds the passages that best answer question. It never interprets the
// question as query syntax.
func (ix *Index) Search(ctx context.Context, question string, size int) (Result, error) {
	concepts := ix.concepts(question)
	res := Result{}
	for _, c := range concepts {
		if !c.generic {
			res.Terms++
		}
	}
	for _, c := range concepts {
		if !c.known {
			res.Unknown = append(res.Unknown, c.text)
		}
	}
	q := ix.query(concepts)
	if q == nil {
		return res, nil
	}
	hits, err := ix.exec.Search(ctx, q, max(size, candidates))
	if err != nil {
		return res, fmt.Errorf("search: %w", err)
	}
	for _, h := range hits {
		cv := coverage(concepts, h.Matched)
		res.Hits = append(res.Hits, Hit{PassageID: h.ID, Score: h.Score, Coverage: cv.all, Heading: cv.heading,
			Complete: cv.complete, HeadingComplete: cv.headingComplete, Key: cv.key, Anchored: cv.anchored})
	}
	rank(res.Hits)
	if len(res.Hits) > size {
		res.Hits = res.Hits[:size]
	}
	return res, nil
}

// rank orders hits by how much of the question they cover, weighted by their BM25
// score relative to the best: coverage says whether a passage answers the question
// at all, BM25 (with its field boosts) which of the passages that do fits best.
func rank(hits []Hit) {
	if len(hits) == 0 {
		return
	}
	top := hits[0].Score
	key := func(h Hit) float64 {
		k := h.Coverage * (0.3 + 0.2*h.Heading + 0.3*h.HeadingComplete + 0.2*h.Score/top) * (0.5 + 0.5*h.Complete)
		if !h.Anchored {
			k /= 2
		}
		return k
	}
	sort.SliceStable(hits, func(a, b int) bool { return key(hits[a]) > key(hits[b]) })
}
