package search

import (
	"context"
	"encoding/binary"
	"fmt"
	"math"
	"slices"

	"github.com/blevesearch/bleve/v2"
	bsearch "github.com/blevesearch/bleve/v2/search"
	"github.com/blevesearch/bleve/v2/search/query"
	index "github.com/blevesearch/bleve_index_api"
)

// execute runs q and returns its best size hits, best first, each with the terms it
// matched in Locations (the locations themselves are left out: only which terms
// matched in which field is kept).
//
// A disjunction — what query builds — is scored as bleve's disjunction searcher
// scores it: each clause's BM25 score (with bleve's query norm), summed, times the
// share of clauses that match; only the order the clause scores are added in
// differs, so scores can differ in the last bit. But it is run a clause at a time
// into an array indexed by passage, instead of merging every clause's postings
// through a heap, which is several times faster for the long disjunctions
// questions make. Ties are broken as bleve breaks them, by index order. Other
// queries go to bleve.
func (ix *Index) execute(ctx context.Context, q query.Query, size int) (bsearch.DocumentMatchCollection, error) {
	dq, ok := q.(*query.DisjunctionQuery)
	if !ok || dq.Min > 1 || len(dq.Disjuncts) == 0 || dq.BoostVal != nil {
		return ix.searchBleve(ctx, q, size)
	}
	r, err := ix.reader()
	if err != nil {
		return nil, err
	}
	defer r.Close()
	bctx := context.WithValue(ctx, bsearch.GetScoringModelCallbackKey,
		bsearch.GetScoringModelCallbackFn(func() string { return ix.scoring }))

	clauses := make([]clause, 0, len(dq.Disjuncts))
	defer func() {
		for _, c := range clauses {
			c.close()
		}
	}()
	sumOfSquaredWeights := 0.0
	for _, d := range dq.Disjuncts {
		c, err := ix.newClause(bctx, r, d)
		if err != nil {
			return nil, err
		}
		clauses = append(clauses, c)
		sumOfSquaredWeights += c.weight()
	}
	queryNorm := 1.0 / math.Sqrt(sumOfSquaredWeights)

	acc, _ := ix.accs.Get().(*accumulator)
	if acc == nil {
		acc = &accumulator{}
	}
	defer func() {
		acc.reset()
		ix.accs.Put(acc)
	}()
	for i := range clauses {
		if err := ctx.Err(); err != nil {
			return nil, err
		}
		if err := clauses[i].run(bctx, queryNorm, acc, &ix.postings); err != nil {
			return nil, err
		}
	}
	top := acc.top(size, len(clauses))
	hits := make(bsearch.DocumentMatchCollection, 0, len(top))
	for _, t := range top {
		id, err := r.ExternalID(internalID(t.doc))
		if err != nil {
			return nil, fmt.Errorf("passage id: %w", err)
		}
		h := &bsearch.DocumentMatch{ID: id, Score: t.score, Locations: bsearch.FieldTermLocationMap{}}
		for i := range clauses {
			clauses[i].addMatched(t.doc, h.Locations)
		}
		hits = append(hits, h)
	}
	return hits, nil
}

// searchBleve is execute for queries it does not run itself.
func (ix *Index) searchBleve(ctx context.Context, q query.Query, size int) (bsearch.DocumentMatchCollection, error) {
	req := bleve.NewSearchRequestOptions(q, size, 0, false)
	req.IncludeLocations = true
	sr, err := ix.bleve.SearchInContext(ctx, req)
	if err != nil {
		return nil, err
	}
	return sr.Hits, nil
}

// clause is one disjunct: a term in a field, read straight from its postings, or any
// other query, run by its bleve searcher.
type clause struct {
	// term clauses
	term, field string
	boost, idf  float64
	avgLen      float64
	reader      index.TermFieldReader
	cached      *postings // the term's postings when cached; reader is nil then
	docs        []uint32  // passages matched, in index order
	// phrase clauses (see phrase.go)
	phraseTerms    []string
	phrase         *phraseHits
	phraseSearcher bsearch.Searcher
	// other clauses
	searcher bsearch.Searcher
	matched  map[uint64]bsearch.FieldTermLocationMap
}

func (ix *Index) newClause(ctx context.Context, r index.IndexReader, q query.Query) (clause, error) {
	if tq, ok := q.(*query.TermQuery); ok {
		c := clause{term: tq.Term, field: tq.Field(), boost: tq.BoostVal.Value()}
		if c.field == "" {
			c.field = ix.bleve.Mapping().DefaultSearchField()
		}
		if p := ix.postings.get(c.field, c.term); p != nil {
			c.cached, c.idf = p, p.idf
			return c, nil
		}
		tfr, err := r.TermFieldReader(ctx, []byte(c.term), c.field, true, true, false)
		if err != nil {
			return c, err
		}
		c.reader = tfr
		c.idf, c.avgLen = ix.termIDF(c.field, tfr.Count())
		return c, nil
	}
	if pq, ok := cacheablePhrase(q); ok {
		return ix.newPhraseClause(ctx, r, pq)
	}
	s, err := q.Searcher(ctx, r, ix.bleve.Mapping(), bsearch.SearcherOptions{IncludeTermVectors: true})
	if err != nil {
		return clause{}, err
	}
	return clause{searcher: s}, nil
}

func (c *clause) weight() float64 {
	if c.searcher != nil {
		return c.searcher.Weight()
	}
	if c.phrase != nil {
		return c.phraseWeight()
	}
	w := c.boost * c.idf
	return w * w
}

// run adds the clause's score to every passage it matches.
func (c *clause) run(ctx context.Context, queryNorm float64, acc *accumulator, cache *postingsCache) error {
	if c.phrase != nil {
		return c.runPhrase(queryNorm, acc, cache)
	}
	if c.searcher != nil {
		c.searcher.SetQueryNorm(queryNorm)
		sctx := &bsearch.SearchContext{DocumentMatchPool: bsearch.NewDocumentMatchPool(c.searcher.DocumentMatchPoolSize(), 0)}
		for {
			dm, err := c.searcher.Next(sctx)
			if err != nil || dm == nil {
				return err
			}
			doc := docNum(dm.IndexInternalID)
			acc.add(doc, dm.Score)
			if c.matched == nil {
				c.matched = map[uint64]bsearch.FieldTermLocationMap{}
			}
			locs := bsearch.FieldTermLocationMap{}
			for _, l := range dm.FieldTermLocations {
				addTerm(locs, l.Field, l.Term)
			}
			c.matched[doc] = locs
			sctx.DocumentMatchPool.Put(dm)
		}
	}
	queryWeight := c.boost * c.idf * queryNorm
	if p := c.cached; p != nil {
		for i, doc := range p.docs {
			score := p.scores[i]
			if queryWeight != 1.0 {
				score = score * queryWeight
			}
			acc.add(uint64(doc), score)
		}
		c.docs = p.docs
		return nil
	}
	n := int(c.reader.Count())
	var keep *postings
	if cache.reserve(n) {
		keep = &postings{idf: c.idf, docs: make([]uint32, 0, n), scores: make([]float64, 0, n)}
		c.docs = keep.docs
	} else {
		c.docs = acc.docs(n)
	}
	err := readPostings(c.reader, c.idf, c.avgLen, func(doc uint64, score float64) {
		c.docs = append(c.docs, uint32(doc))
		if keep != nil {
			keep.scores = append(keep.scores, score)
		}
		if queryWeight != 1.0 {
			score = score * queryWeight
		}
		acc.add(doc, score)
	})
	if err != nil {
		cache.release(keep)
		return err
	}
	if keep != nil {
		keep.docs = c.docs
		cache.put(c.field, c.term, keep)
	}
	return nil
}

// addMatched records in locs the terms the clause matched in passage doc.
func (c *clause) addMatched(doc uint64, locs bsearch.FieldTermLocationMap) {
	if c.searcher != nil {
		for field, terms := range c.matched[doc] {
			for t := range terms {
				addTerm(locs, field, t)
			}
		}
		return
	}
	if _, ok := slices.BinarySearch(c.docs, uint32(doc)); ok {
		if c.phrase != nil {
			for _, t := range c.phraseTerms {
				addTerm(locs, c.field, t)
			}
			return
		}
		addTerm(locs, c.field, c.term)
	}
}

func (c *clause) close() {
	if c.reader != nil {
		c.reader.Close()
	}
	if c.searcher != nil {
		c.searcher.Close()
	}
	if c.phraseSearcher != nil {
		c.phraseSearcher.Close()
	}
}

func addTerm(locs bsearch.FieldTermLocationMap, field, term string) {
	terms := locs[field]
	if terms == nil {
		terms = bsearch.TermLocationMap{}
		locs[field] = terms
	}
	if _, ok := terms[term]; !ok {
		terms[term] = nil
	}
}

func docNum(id index.IndexInternalID) uint64 { return binary.BigEndian.Uint64(id) }

func internalID(doc uint64) index.IndexInternalID {
	return binary.BigEndian.AppendUint64(make(index.IndexInternalID, 0, 8), doc)
}
