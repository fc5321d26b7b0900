package search

import (
	"sync"
	"sync/atomic"
)

// Caching postings: a read-only index's BM25 score of a term in a passage, before
// the query's weight, never changes, so the postings of common terms — the bulk of
// what a question reads — are kept decoded, with their scores, after first use.
const (
	// cacheMinPassages: terms in fewer passages are read from the index each time.
	cacheMinPassages = 32
	// cacheMaxPostings bounds the memory the cache takes: 12 bytes a posting.
	cacheMaxPostings = 2 << 20
)

// postings are one term's passages in a field, in index order, with the term's
// score in each before the query's weight.
type postings struct {
	idf    float64
	docs   []uint32
	scores []float64
}

// postingsCache holds postings by field and term. Its zero value is ready to use.
type postingsCache struct {
	m    sync.Map // field+"\x00"+term -> *postings
	used atomic.Int64
}

func cacheKey(field, term string) string { return field + "\x00" + term }

func (c *postingsCache) get(field, term string) *postings {
	if p, ok := c.m.Load(cacheKey(field, term)); ok {
		return p.(*postings)
	}
	return nil
}

// reserve takes room for n postings, if the term is common enough to cache and
// the cache has room.
func (c *postingsCache) reserve(n int) bool {
	if n < cacheMinPassages {
		return false
	}
	if c.used.Add(int64(n)) > cacheMaxPostings {
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
	if _, loaded := c.m.LoadOrStore(cacheKey(field, term), p); loaded {
		c.release(p)
	}
}
