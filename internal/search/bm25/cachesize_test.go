package bm25

import (
	"context"
	"testing"
)

// withSmallIndex makes indexes of more than n postings count as large.
func withSmallIndex(n int) Option { return func(s *Searcher) { s.smallIndex = n } }

// TestCacheSizedByIndex checks that the postings cache has room for every common
// term of the index, whatever its size, and that Warm fills it with all of them.
func TestCacheSizedByIndex(t *testing.T) {
	idx := newIndex(t, "bm25")
	s, err := New(idx, fields, withSmallIndex(0))
	if err != nil {
		t.Fatal(err)
	}
	var need, rare int64
	for _, h := range s.hot {
		need += int64(h.df)
	}
	if need == 0 || s.postings.limit < need {
		t.Fatalf("cache limit %d postings; the common terms have %d", s.postings.limit, need)
	}
	if err := s.Warm(context.Background()); err != nil {
		t.Fatal(err)
	}
	if got := s.postings.used.Load(); got != need {
		t.Errorf("Warm cached %d postings; want all %d of the common terms", got, need)
	}
	for _, f := range fields {
		dict, _ := idx.FieldDict(f)
		for e, _ := dict.Next(); e != nil; e, _ = dict.Next() {
			cached := s.postings.get(f, e.Term) != nil
			if common := e.Count >= cacheMinPassages; cached != common {
				t.Errorf("%s:%s in %d passages: cached %v", f, e.Term, e.Count, cached)
			}
			if e.Count < cacheMinPassages {
				rare++
			}
		}
		dict.Close()
	}
	if rare == 0 {
		t.Error("the index has no rare term: the test does not show they are left out")
	}
}

// TestSmallIndexCachedWhole checks that an index small enough is cached whole.
func TestSmallIndexCachedWhole(t *testing.T) {
	idx := newIndex(t, "bm25")
	s, err := New(idx, fields)
	if err != nil {
		t.Fatal(err)
	}
	if err := s.Warm(context.Background()); err != nil {
		t.Fatal(err)
	}
	if got := s.postings.used.Load(); got != int64(s.postingsTotal) {
		t.Errorf("Warm cached %d postings; want the index's %d", got, s.postingsTotal)
	}
}

// TestCacheBudget checks that a memory budget bounds the cache.
func TestCacheBudget(t *testing.T) {
	const room = 300
	s, err := New(newIndex(t, "bm25"), fields, CacheBytes(room*postingBytes))
	if err != nil {
		t.Fatal(err)
	}
	if err := s.Warm(context.Background()); err != nil {
		t.Fatal(err)
	}
	if used := s.postings.used.Load(); used == 0 || used > room {
		t.Errorf("cache holds %d postings; want some, at most %d", used, room)
	}
}
