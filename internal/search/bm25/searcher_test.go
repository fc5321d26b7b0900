package bm25

import (
	"context"
	"errors"
	"fmt"
	"math"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/blevesearch/bleve/v2"
	"github.com/blevesearch/bleve/v2/analysis/analyzer/standard"
	bsearch "github.com/blevesearch/bleve/v2/search"
	"github.com/blevesearch/bleve/v2/search/query"
	index "github.com/blevesearch/bleve_index_api"
)

// fields are the fields the test index's Searcher is made for; "extra" is indexed
// too, but the Searcher is not told of it.
var fields = []string{"title", "body"}

const passages = 240

// newIndex builds an index of synthetic passages with the given scoring model,
// closes it and opens it read-only, as package search does. Common words and the
// phrase "many people" are in enough passages to be cached.
func newIndex(t *testing.T, scoring string) bleve.Index {
	t.Helper()
	m := bleve.NewIndexMapping()
	m.ScoringModel = scoring
	m.DefaultAnalyzer = standard.Name
	doc := bleve.NewDocumentStaticMapping()
	for _, f := range append(fields, "extra") {
		fm := bleve.NewTextFieldMapping()
		fm.Analyzer = standard.Name
		fm.IncludeTermVectors = true
		doc.AddFieldMappingsAt(f, fm)
	}
	m.DefaultMapping = doc
	dir := filepath.Join(t.TempDir(), "bleve")
	idx, err := bleve.New(dir, m)
	if err != nil {
		t.Fatal(err)
	}
	topics := []string{"gout", "asthma", "glaucoma", "eczema", "anemia", "migraine"}
	kinds := []string{"symptoms", "treatment", "causes", "outlook"}
	b := idx.NewBatch()
	for i := range passages {
		topic, kind := topics[i%len(topics)], kinds[i/len(topics)%len(kinds)]
		body := fmt.Sprintf("many people ask about %s of %s. %s", kind, topic, strings.Repeat(kind+" explained ", i%7))
		if i%2 == 0 {
			body += " mild cases are common"
		}
		rec := map[string]string{"title": kind + " of " + topic, "body": body, "extra": topic + " notes"}
		if err := b.Index(fmt.Sprintf("p%03d", i), rec); err != nil {
			t.Fatal(err)
		}
	}
	if err := idx.Batch(b); err != nil {
		t.Fatal(err)
	}
	if err := idx.Close(); err != nil {
		t.Fatal(err)
	}
	idx, err = bleve.OpenUsing(dir, map[string]interface{}{"read_only": true})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { idx.Close() })
	return idx
}

func term(field, t string, boost float64) query.Query {
	q := query.NewTermQuery(t)
	q.SetField(field)
	q.SetBoost(boost)
	return q
}

func phrase(field string, boost float64, terms ...string) query.Query {
	q := query.NewPhraseQuery(terms, field)
	q.SetBoost(boost)
	return q
}

func or(qs ...query.Query) *query.DisjunctionQuery { return query.NewDisjunctionQuery(qs) }

// queries are disjunctions like those package search makes, and a few it does not,
// which must be scored as bleve scores them all the same.
func queries() []struct {
	name string
	q    *query.DisjunctionQuery
} {
	match := query.NewMatchQuery("gout symptoms")
	match.SetField("body")
	prefix := query.NewPrefixQuery("glau")
	prefix.SetField("title")
	atLeastTwo := or(term("title", "gout", 3), term("body", "mild", 1), term("body", "symptoms", 1))
	atLeastTwo.SetMin(2)
	boosted := or(term("title", "asthma", 3), term("body", "causes", 1))
	boosted.SetBoost(2)
	return []struct {
		name string
		q    *query.DisjunctionQuery
	}{
		{"terms in fields", or(term("title", "gout", 3), term("body", "gout", 1), term("title", "symptoms", 2.5), term("body", "symptoms", 0.85))},
		{"common terms", or(term("body", "many", 1), term("body", "people", 1), term("body", "common", 0.5), term("body", "explained", 1))},
		{"phrase", or(phrase("body", 0.9, "many", "people"), phrase("title", 2.5, "many", "people"), term("body", "asthma", 1))},
		{"rare phrase", or(phrase("body", 1, "mild", "cases"), term("title", "eczema", 3))},
		{"term of another field", or(term("extra", "gout", 1), term("body", "treatment", 1))},
		{"other queries", or(match, prefix, term("body", "outlook", 1))},
		{"one clause", or(term("title", "migraine", 1))},
		{"no match", or(term("body", "zzzz", 1), term("title", "qqqq", 2))},
		{"at least two clauses", atLeastTwo},
		{"boosted disjunction", boosted},
	}
}

// TestSearchMatchesBleve checks that Search finds the same passages, with the same
// scores and matched terms, as bleve's own search of the same query, with either
// scoring model: on the first run (postings read from the index), once the
// postings and phrases used are cached, and after Warm.
func TestSearchMatchesBleve(t *testing.T) {
	for _, scoring := range []string{index.BM25Scoring, index.TFIDFScoring} {
		t.Run(scoring, func(t *testing.T) {
			idx := newIndex(t, scoring)
			s, err := New(idx, fields)
			if err != nil {
				t.Fatal(err)
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
	// Scores agree up to rounding (the clauses' scores are summed in another
	// order), so passages with equal scores may come in another order.
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
		if gt, wt := matchedTerms(g.Matched), matchedTerms(w.Locations); !slices.Equal(gt, wt) {
			t.Errorf("%s: hit %s matched %v; bleve: %v", name, g.ID, gt, wt)
		}
	}
}

func near(a, b float64) bool { return math.Abs(a-b) <= 1e-9*math.Max(math.Abs(a), math.Abs(b)) }

// matchedTerms lists "field:term" for each term a hit matched, sorted.
func matchedTerms(locs bsearch.FieldTermLocationMap) []string {
	var out []string
	for field, terms := range locs {
		for term := range terms {
			out = append(out, field+":"+term)
		}
	}
	slices.Sort(out)
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
