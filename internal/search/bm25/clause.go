package bm25

import (
	"context"
	"slices"

	bsearch "github.com/blevesearch/bleve/v2/search"
	"github.com/blevesearch/bleve/v2/search/query"
	index "github.com/blevesearch/bleve_index_api"
)

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

// newClause prepares disjunct q: a term read from its postings (or the cache) when
// its field's statistics are known, a phrase read through the cache, or else any
// query through its bleve searcher.
func (s *Searcher) newClause(ctx context.Context, r index.IndexReader, q query.Query) (clause, error) {
	if tq, ok := q.(*query.TermQuery); ok {
		field := s.field(tq.Field())
		// Only terms of fields with statistics are cached.
		if p := s.postings.get(field, tq.Term); p != nil {
			return clause{term: tq.Term, field: field, boost: tq.BoostVal.Value(), cached: p, idf: p.idf}, nil
		}
		if avgLen, ok := s.avgLen(field); ok {
			if s.postings.whole && s.postings.terms[field] != nil {
				// In no passage: it weighs in the query norm as bleve weighs it.
				p := &postings{idf: s.termIDF(0, avgLen)}
				return clause{term: tq.Term, field: field, boost: tq.BoostVal.Value(), cached: p, idf: p.idf}, nil
			}
			return s.newTermClause(ctx, r, field, tq.Term, tq.BoostVal.Value(), avgLen)
		}
	}
	if pq, ok := cacheablePhrase(q); ok {
		return s.newPhraseClause(ctx, r, pq)
	}
	bs, err := q.Searcher(ctx, r, s.idx.Mapping(), bsearch.SearcherOptions{IncludeTermVectors: true})
	if err != nil {
		return clause{}, err
	}
	return clause{searcher: bs}, nil
}

// newTermClause prepares a term clause reading the term's postings.
func (s *Searcher) newTermClause(ctx context.Context, r index.IndexReader, field, term string, boost, avgLen float64) (clause, error) {
	c := clause{term: term, field: field, boost: boost}
	tfr, err := r.TermFieldReader(ctx, []byte(term), field, true, true, false)
	if err != nil {
		return c, err
	}
	c.reader = tfr
	c.idf, c.avgLen = s.termIDF(tfr.Count(), avgLen), avgLen
	return c, nil
}

// field is the field a query on field searches: the default field when none.
func (s *Searcher) field(field string) string {
	if field == "" {
		return s.idx.Mapping().DefaultSearchField()
	}
	return field
}

// avgLen returns the average length of field for BM25, 0 for TF-IDF; ok is false
// when the Searcher lacks it, not having been told of the field.
func (s *Searcher) avgLen(field string) (avgLen float64, ok bool) {
	if s.scoring != index.BM25Scoring {
		return 0, true
	}
	avgLen, ok = s.avgFieldLen[field]
	return avgLen, ok
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
