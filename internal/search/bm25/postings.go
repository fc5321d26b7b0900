package bm25

import (
	"context"
	"math"
	"sort"
	"sync"
	"sync/atomic"

	bsearch "github.com/blevesearch/bleve/v2/search"
	"github.com/blevesearch/bleve/v2/search/scorer"
	index "github.com/blevesearch/bleve_index_api"
)

// Caching postings: a read-only index's BM25 score of a term in a passage, before
// the query's weight, never changes, so the postings of common terms — the bulk of
// what a question reads — are kept decoded, with their scores, after first use.
// The cache is sized by what the index needs: room for every common term's
// postings, and a quarter more for phrases' matches, so that however big the
// index, no question reads a common term from the index more than once. Only a
// memory budget (DefaultCacheBytes) bounds it.
const (
	// cacheMinPassages: terms in fewer passages are read from the index each time,
	// unless the whole index is small (smallIndex).
	cacheMinPassages = 32
	// smallIndex: when the postings of every term of an index number no more than
	// this (under 1 MB cached), every term is cached.
	smallIndex = 64 << 10
	// postingBytes is what a cached posting takes: a passage and a score.
	postingBytes = 12
	// DefaultCacheBytes is the memory budget of a Searcher's postings cache; the
	// cache takes less when the index needs less.
	DefaultCacheBytes = 256 << 20
)

// postings are one term's passages in a field, in index order, with the term's
// score in each before the query's weight.
type postings struct {
	idf    float64
	docs   []uint32
	scores []float64
}

// postingsCache holds postings by field and term, and phrases' matches. Its zero
// value caches nothing; limit says how many postings it may hold.
type postingsCache struct {
	terms map[string]*sync.Map // field -> term -> *postings; fixed once made
	m     sync.Map             // phraseKey -> *phraseHits
	used  atomic.Int64
	limit int64
	// minPassages: terms in fewer passages are not cached.
	minPassages int
	// whole is set once every term of the index is cached: a term not found in a
	// field's cache is in no passage of the field.
	whole bool
}

// init makes the cache's room for the terms of fields.
func (c *postingsCache) init(fields []string) {
	c.terms = make(map[string]*sync.Map, len(fields))
	for _, f := range fields {
		c.terms[f] = &sync.Map{}
	}
}

func (c *postingsCache) get(field, term string) *postings {
	if fm := c.terms[field]; fm != nil {
		if p, ok := fm.Load(term); ok {
			return p.(*postings)
		}
	}
	return nil
}

// reserve takes room for n postings, if the term is common enough to cache and
// the cache has room.
func (c *postingsCache) reserve(n int) bool {
	if n < c.minPassages {
		return false
	}
	if c.used.Add(int64(n)) > c.limit {
		c.used.Add(-int64(n))
		return false
	}
	return true
}

// release gives back the room reserved for p, which was not completed.
func (c *postingsCache) release(p *postings) {
	if p != nil {
		c.used.Add(-int64(cap(p.docs)))
	}
}

// put stores completed postings; when another query stored the term first, its
// copy is kept and the room reserved for p given back.
func (c *postingsCache) put(field, term string, p *postings) {
	fm := c.terms[field]
	if fm == nil {
		c.release(p)
		return
	}
	if _, loaded := fm.LoadOrStore(term, p); loaded {
		c.release(p)
	}
}

// termIDF returns the IDF bleve's term scorer gives a term in df passages of a
// field of average length avgLen (0 unless scoring is BM25).
func (s *Searcher) termIDF(df uint64, avgLen float64) float64 {
	n, d := float64(s.docTotal), float64(df)
	if avgLen > 0 { // as scorer.TermQueryScorer computes it
		return math.Log(1 + (n-d+0.5)/(d+0.5))
	}
	return 1.0 + math.Log(n/(d+1.0))
}

// readPostings reads a term's postings and calls visit with each passage, in
// index order, and the term's score in it before the query's weight — computed
// exactly as bleve's scorer.TermQueryScorer computes it.
func readPostings(r index.TermFieldReader, idf, avgLen float64, visit func(doc uint64, score float64)) error {
	var tfd index.TermFieldDoc
	for {
		next, err := r.Next(&tfd)
		if err != nil || next == nil {
			return err
		}
		var tf float64
		if next.Freq < scorer.MaxSqrtCache {
			tf = scorer.SqrtCache[int(next.Freq)]
		} else {
			tf = math.Sqrt(float64(next.Freq))
		}
		var score float64
		if avgLen > 0 {
			fieldLength := 1 / (next.Norm * next.Norm)
			score = idf * (tf * bsearch.BM25_k1) /
				(tf + bsearch.BM25_k1*(1-bsearch.BM25_b+(bsearch.BM25_b*fieldLength/avgLen)))
		} else {
			score = tf * next.Norm * idf
		}
		visit(docNum(next.ID), score)
		tfd.Reset()
	}
}

// hotTerm is a term common enough to cache, with the passages holding it.
type hotTerm struct {
	field, term string
	df          uint64
}

// sortHot orders hot terms most common first.
func sortHot(hot []hotTerm) {
	sort.Slice(hot, func(a, b int) bool { return hot[a].df > hot[b].df })
}

// Warm fills the postings cache with the most common terms, most common first,
// so that the first questions that use them are as fast as later ones. It stops
// when the cache is full or ctx is done; questions can be answered meanwhile.
func (s *Searcher) Warm(ctx context.Context) error {
	r, err := s.reader()
	if err != nil {
		return err
	}
	defer r.Close()
	for _, h := range s.hot {
		if err := ctx.Err(); err != nil {
			return err
		}
		if s.postings.get(h.field, h.term) != nil {
			continue
		}
		if !s.postings.reserve(int(h.df)) {
			return nil
		}
		tfr, err := r.TermFieldReader(ctx, []byte(h.term), h.field, true, true, false)
		if err != nil {
			return err
		}
		avgLen := s.avgFieldLen[h.field]
		idf := s.termIDF(tfr.Count(), avgLen)
		p := &postings{idf: idf, docs: make([]uint32, 0, h.df), scores: make([]float64, 0, h.df)}
		err = readPostings(tfr, idf, avgLen, func(doc uint64, score float64) {
			p.docs = append(p.docs, uint32(doc))
			p.scores = append(p.scores, score)
		})
		tfr.Close()
		if err != nil {
			s.postings.release(p)
			return err
		}
		s.postings.put(h.field, h.term, p)
	}
	return nil
}
