package bm25

import (
	"context"
	"errors"
	"fmt"
	"sync"
	"testing"

	"github.com/blevesearch/bleve/v2"
	"github.com/blevesearch/bleve/v2/search/query"
	index "github.com/blevesearch/bleve_index_api"

	"github.com/faqbot/faqbot/internal/search/bm25/bm25test"
)

// TestSearchMatchesBleve checks that Search finds the same passages, with the same
// scores and matched terms, as bleve's own search of the same query, with either
// scoring model: on the first run (postings read from the index), once the
// postings and phrases used are cached, and after Warm; and with the index cached
// whole, as a small one is.
func TestSearchMatchesBleve(t *testing.T) {
	for _, tc := range []struct {
		scoring string
		whole   bool
	}{{index.BM25Scoring, false}, {index.TFIDFScoring, false}, {index.BM25Scoring, true}, {index.TFIDFScoring, true}} {
		t.Run(fmt.Sprintf("%s whole %v", tc.scoring, tc.whole), func(t *testing.T) {
			scoring := tc.scoring
			idx := newIndex(t, scoring)
			small := 0
			if tc.whole {
				small = smallIndex
			}
			s, err := New(idx, fields, withSmallIndex(small))
			if err != nil {
				t.Fatal(err)
			}
			if s.postings.whole != tc.whole {
				t.Fatalf("cached whole: %v; want %v", s.postings.whole, tc.whole)
			}
			for _, pass := range []string{"uncached", "cached", "warmed"} {
				if pass == "warmed" {
					if err := s.Warm(context.Background()); err != nil {
						t.Fatalf("Warm: %v", err)
					}
				}
				for _, tt := range queries() {
					for _, size := range []int{1, 3, 10} {
						checkSearch(t, fmt.Sprintf("%s/%s/%d", pass, tt.name, size), idx, s, tt.q, size)
					}
				}
			}
			if s.postings.used.Load() == 0 {
				t.Error("nothing was cached: the test does not exercise the cache")
			}
		})
	}
}

// checkSearch compares Search with bleve's own search of q.
func checkSearch(t *testing.T, name string, idx bleve.Index, s *Searcher, q *query.DisjunctionQuery, size int) {
	t.Helper()
	got, err := s.Search(context.Background(), q, size)
	if err != nil {
		t.Fatalf("%s: Search: %v", name, err)
	}
	bm25test.Check(t, name, idx, q, size, testHits(got))
}

// testHits converts hits for bm25test.
func testHits(hits []Hit) []bm25test.Hit {
	out := make([]bm25test.Hit, len(hits))
	for i, h := range hits {
		out[i] = bm25test.Hit(h)
	}
	return out
}

// TestWarm checks that Warm caches the most common terms, most common first.
func TestWarm(t *testing.T) {
	s, err := New(newIndex(t, index.BM25Scoring), fields)
	if err != nil {
		t.Fatal(err)
	}
	if len(s.hot) == 0 {
		t.Fatal("no term is common enough to cache")
	}
	for i := 1; i < len(s.hot); i++ {
		if s.hot[i].df > s.hot[i-1].df {
			t.Fatalf("hot terms out of order: %v before %v", s.hot[i-1], s.hot[i])
		}
	}
	if err := s.Warm(context.Background()); err != nil {
		t.Fatalf("Warm: %v", err)
	}
	for _, h := range s.hot {
		if s.postings.get(h.field, h.term) == nil {
			t.Errorf("Warm did not cache %s:%s (%d passages)", h.field, h.term, h.df)
		}
	}
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	s, err = New(newIndex(t, index.BM25Scoring), fields)
	if err != nil {
		t.Fatal(err)
	}
	if err := s.Warm(ctx); !errors.Is(err, context.Canceled) {
		t.Errorf("Warm(cancelled) = %v; want context.Canceled", err)
	}
}

// TestSearchCancelled checks that a cancelled search stops with the context's error.
func TestSearchCancelled(t *testing.T) {
	s, err := New(newIndex(t, index.BM25Scoring), fields)
	if err != nil {
		t.Fatal(err)
	}
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	if _, err := s.Search(ctx, or(term("body", "gout", 1)), 5); !errors.Is(err, context.Canceled) {
		t.Errorf("Search(cancelled) = %v; want context.Canceled", err)
	}
}

// TestSearchConcurrent checks that searches running together, and with Warm, give
// what they give alone, while they fill the cache.
func TestSearchConcurrent(t *testing.T) {
	idx := newIndex(t, index.BM25Scoring)
	alone, err := New(idx, fields)
	if err != nil {
		t.Fatal(err)
	}
	qs := queries()
	want := make([][]Hit, len(qs))
	for i, tt := range qs {
		if want[i], err = alone.Search(context.Background(), tt.q, 10); err != nil {
			t.Fatal(err)
		}
	}
	s, err := New(idx, fields)
	if err != nil {
		t.Fatal(err)
	}
	var wg sync.WaitGroup
	wg.Go(func() {
		if err := s.Warm(context.Background()); err != nil {
			t.Errorf("Warm: %v", err)
		}
	})
	for g := range 4 {
		wg.Go(func() {
			for round := range 3 {
				for i := range qs {
					tt := qs[(i+g)%len(qs)]
					got, err := s.Search(context.Background(), tt.q, 10)
					if err != nil {
						t.Errorf("%s: %v", tt.name, err)
						return
					}
					if fmt.Sprint(idsOf(got)) != fmt.Sprint(idsOf(want[(i+g)%len(qs)])) {
						t.Errorf("round %d, %s: %v; alone %v", round, tt.name, idsOf(got), idsOf(want[(i+g)%len(qs)]))
					}
				}
			}
		})
	}
	wg.Wait()
}

// idsOf lists the hits' IDs with their scores rounded (summation order may change
// the last bit).
func idsOf(hits []Hit) []string {
	out := make([]string, len(hits))
	for i, h := range hits {
		out[i] = fmt.Sprintf("%s:%.9g", h.ID, h.Score)
	}
	return out
}

// TestSearchNothing checks that a search for no hits finds none.
func TestSearchNothing(t *testing.T) {
	s, err := New(newIndex(t, index.BM25Scoring), fields)
	if err != nil {
		t.Fatal(err)
	}
	if hits, err := s.Search(context.Background(), or(term("body", "gout", 1)), 0); err != nil || len(hits) != 0 {
		t.Errorf("Search(size 0) = %v, %v; want nothing", hits, err)
	}
}

// TestDocFreqs checks the passage counts of terms, by the field where each is most
// common, and that terms of fields the Searcher was not given are left out.
func TestDocFreqs(t *testing.T) {
	s, err := New(newIndex(t, index.BM25Scoring), fields)
	if err != nil {
		t.Fatal(err)
	}
	df := s.DocFreqs()
	for term, want := range map[string]int{"many": passages, "mild": passages / 2, "gout": passages / 6, "notes": 0} {
		if df[term] != want {
			t.Errorf("DocFreqs()[%q] = %d; want %d", term, df[term], want)
		}
	}
}
