package scorchbuild

import (
	"fmt"
	"maps"
	"slices"
	"strings"
	"testing"

	"github.com/blevesearch/bleve/v2"
	"github.com/blevesearch/bleve/v2/search"
	"github.com/blevesearch/bleve/v2/search/query"
	index "github.com/blevesearch/bleve_index_api"
)

// What TestSameAsBleve compares of two indexes.

func dictionary(t *testing.T, idx bleve.Index, field string) map[string]uint64 {
	t.Helper()
	d, err := idx.FieldDict(field)
	if err != nil {
		t.Fatal(err)
	}
	defer d.Close()
	out := map[string]uint64{}
	for e, err := d.Next(); e != nil || err != nil; e, err = d.Next() {
		if err != nil {
			t.Fatal(err)
		}
		out[e.Term] = e.Count
	}
	return out
}

func cardinality(t *testing.T, idx bleve.Index, field string) int {
	t.Helper()
	adv, err := idx.Advanced()
	if err != nil {
		t.Fatal(err)
	}
	r, err := adv.Reader()
	if err != nil {
		t.Fatal(err)
	}
	defer r.Close()
	n, err := r.(index.BM25Reader).FieldCardinality(field)
	if err != nil {
		t.Fatal(err)
	}
	return n
}

// hit is a hit as compared: its id, score and matched locations.
type hit struct {
	ID    string
	Score float64
	Locs  string
}

func hits(t *testing.T, idx bleve.Index, q query.Query) []hit {
	t.Helper()
	req := bleve.NewSearchRequestOptions(q, docs, 0, false)
	req.IncludeLocations = true
	res, err := idx.Search(req)
	if err != nil {
		t.Fatal(err)
	}
	out := make([]hit, 0, len(res.Hits))
	for _, h := range res.Hits {
		out = append(out, hit{ID: h.ID, Score: h.Score, Locs: locations(h.Locations)})
	}
	return out
}

// locations formats a hit's locations: field, term, and each location's position,
// offsets and array positions.
func locations(flm search.FieldTermLocationMap) string {
	var b strings.Builder
	for _, f := range slices.Sorted(maps.Keys(flm)) {
		for _, term := range slices.Sorted(maps.Keys(flm[f])) {
			fmt.Fprintf(&b, "%s:%s", f, term)
			for _, l := range flm[f][term] {
				fmt.Fprintf(&b, " %d@%d-%d%v", l.Pos, l.Start, l.End, l.ArrayPositions)
			}
			b.WriteString("; ")
		}
	}
	return b.String()
}

func describe(q query.Query) string {
	switch q := q.(type) {
	case *query.TermQuery:
		return q.Field() + ":" + q.Term
	case *query.PhraseQuery:
		return q.FieldVal + ":" + fmt.Sprint(q.Terms)
	}
	return fmt.Sprintf("%T", q)
}
