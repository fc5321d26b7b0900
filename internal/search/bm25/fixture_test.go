package bm25

import (
	"fmt"
	"path/filepath"
	"strings"
	"testing"

	"github.com/blevesearch/bleve/v2"
	"github.com/blevesearch/bleve/v2/analysis/analyzer/standard"
	"github.com/blevesearch/bleve/v2/search/query"
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
		if i%60 == 0 {
			body += " seldom seen" // in too few passages to be cached in a large index
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
		{"terms in no passage, and in none of a field", or(term("body", "zzzz", 1), term("title", "gout", 3), term("title", "seldom", 1))},
		{"at least two clauses", atLeastTwo},
		{"boosted disjunction", boosted},
	}
}
