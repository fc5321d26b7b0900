package bm25

import (
	"context"
	"strings"

	bsearch "github.com/blevesearch/bleve/v2/search"
	"github.com/blevesearch/bleve/v2/search/query"
	index "github.com/blevesearch/bleve_index_api"
)

// Phrases (multi-word synonyms such as "many people") are matched by bleve's phrase
// searcher, which reads the positions of every passage holding all their words:
// with common words, the slowest part of a question. In a read-only index the
// passages a phrase matches never change, nor does its score in each before the
// query's boost and norm, so those are cached like the postings of common terms.
// A cached phrase's score is its score with boost and norm 1, times both: equal to
// bleve's up to floating-point rounding.

// phraseHits are the passages a phrase matches in a field, in index order, with
// its score in each at boost and query norm 1; weight is its searcher's weight at
// boost 1.
type phraseHits struct {
	docs   []uint32
	scores []float64
	weight float64
}

func phraseKey(field string, terms []string) string {
	return "\x01" + field + "\x00" + strings.Join(terms, "\x00")
}

// cacheablePhrase returns the phrase query q is, if it is a plain phrase whose
// matches this package can cache.
func cacheablePhrase(q query.Query) (*query.PhraseQuery, bool) {
	pq, ok := q.(*query.PhraseQuery)
	if !ok || pq.Fuzziness != 0 || len(pq.Terms) < 2 { // (query sets no auto fuzziness)
		return nil, false
	}
	for _, t := range pq.Terms {
		if t == "" {
			return nil, false
		}
	}
	return pq, true
}

// newPhraseClause returns the clause for a phrase: its cached matches, or a
// searcher at boost 1 that run reads them from (and caches).
func (s *Searcher) newPhraseClause(ctx context.Context, r index.IndexReader, pq *query.PhraseQuery) (clause, error) {
	c := clause{field: s.field(pq.FieldVal), phraseTerms: pq.Terms, boost: pq.BoostVal.Value()}
	if h, ok := s.postings.m.Load(phraseKey(c.field, pq.Terms)); ok {
		c.phrase = h.(*phraseHits)
		return c, nil
	}
	unit := query.NewPhraseQuery(pq.Terms, c.field)
	ps, err := unit.Searcher(ctx, r, s.idx.Mapping(), bsearch.SearcherOptions{})
	if err != nil {
		return c, err
	}
	c.phraseSearcher = ps
	c.phrase = &phraseHits{weight: ps.Weight()}
	return c, nil
}

// runPhrase adds the phrase's score to every passage it matches, reading the
// matches first if they are not cached yet.
func (c *clause) runPhrase(queryNorm float64, acc *accumulator, cache *postingsCache) error {
	h := c.phrase
	if s := c.phraseSearcher; s != nil {
		s.SetQueryNorm(1)
		sctx := &bsearch.SearchContext{DocumentMatchPool: bsearch.NewDocumentMatchPool(s.DocumentMatchPoolSize(), 0)}
		for {
			dm, err := s.Next(sctx)
			if err != nil {
				return err
			}
			if dm == nil {
				break
			}
			h.docs = append(h.docs, uint32(docNum(dm.IndexInternalID)))
			h.scores = append(h.scores, dm.Score)
			sctx.DocumentMatchPool.Put(dm)
		}
		if n := max(len(h.docs), cache.minPassages); cache.reserve(n) {
			if _, loaded := cache.m.LoadOrStore(phraseKey(c.field, c.phraseTerms), h); loaded {
				cache.used.Add(-int64(n))
			}
		}
	}
	factor := c.boost * queryNorm
	for i, doc := range h.docs {
		acc.add(uint64(doc), h.scores[i]*factor)
	}
	c.docs = h.docs
	return nil
}

// phraseWeight is the phrase's searcher weight at the clause's boost.
func (c *clause) phraseWeight() float64 {
	return c.boost * c.boost * c.phrase.weight
}
