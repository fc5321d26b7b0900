// Package bm25test holds the oracle the tests of package bm25 and of package search
// share: a search's hits compared with bleve's own search of the same query. Only
// tests import it.
package bm25test

import (
	"context"
	"math"
	"slices"
	"testing"

	"github.com/blevesearch/bleve/v2"
	bsearch "github.com/blevesearch/bleve/v2/search"
	"github.com/blevesearch/bleve/v2/search/query"
)

// Hit is a hit to compare: the fields of bm25.Hit, which converts to it.
type Hit struct {
	ID      string
	Score   float64
	Matched bsearch.FieldTermLocationMap
}

// Check compares got, the hits of a search of q for size hits, with bleve's own
// search of q over idx: the same number of hits, each scored as bleve scores it (up
// to rounding: clauses' scores may be summed in another order, so passages with
// equal scores may come in another order, and a hit tied with bleve's last may be
// another passage), each with the same terms matched in the same fields.
func Check(t testing.TB, name string, idx bleve.Index, q query.Query, size int, got []Hit) {
	t.Helper()
	req := bleve.NewSearchRequestOptions(q, size, 0, false)
	req.IncludeLocations = true
	sr, err := idx.SearchInContext(context.Background(), req)
	if err != nil {
		t.Fatalf("%s: bleve: %v", name, err)
	}
	want := sr.Hits
	if len(got) != len(want) {
		t.Errorf("%s: %d hits; bleve finds %d", name, len(got), len(want))
		return
	}
	byID := map[string]*bsearch.DocumentMatch{}
	for _, w := range want {
		byID[w.ID] = w
	}
	for i, g := range got {
		if !near(g.Score, want[i].Score) {
			t.Errorf("%s: hit %d scores %.12g; bleve's %.12g", name, i, g.Score, want[i].Score)
		}
		w, ok := byID[g.ID]
		if !ok {
			if !near(g.Score, want[len(want)-1].Score) { // else a tie with bleve's last hit
				t.Errorf("%s: hit %s (%.12g) is not among bleve's", name, g.ID, g.Score)
			}
			continue
		}
		if gt, wt := MatchedTerms(g.Matched), MatchedTerms(w.Locations); !slices.Equal(gt, wt) {
			t.Errorf("%s: hit %s matched %v; bleve: %v", name, g.ID, gt, wt)
		}
	}
}

func near(a, b float64) bool { return math.Abs(a-b) <= 1e-9*math.Max(math.Abs(a), math.Abs(b)) }

// MatchedTerms lists "field:term" for each term a hit matched, sorted.
func MatchedTerms(locs bsearch.FieldTermLocationMap) []string {
	var out []string
	for field, terms := range locs {
		for term := range terms {
			out = append(out, field+":"+term)
		}
	}
	slices.Sort(out)
	return out
}
