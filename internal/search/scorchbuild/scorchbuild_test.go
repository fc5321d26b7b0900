package scorchbuild

import (
	"context"
	"fmt"
	"math/rand/v2"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"sync"
	"testing"

	"github.com/blevesearch/bleve/v2"
	"github.com/blevesearch/bleve/v2/analysis/lang/en"
	"github.com/blevesearch/bleve/v2/document"
	"github.com/blevesearch/bleve/v2/index/scorch"
	"github.com/blevesearch/bleve/v2/mapping"
	"github.com/blevesearch/bleve/v2/search/query"
	"github.com/blevesearch/bleve/v2/util"
	index "github.com/blevesearch/bleve_index_api"
)

var fields = []string{"title", "alternates", "body"}

// newMapping is a mapping like package search's: English text fields with term
// vectors, BM25, nothing stored.
func newMapping() *mapping.IndexMappingImpl {
	m := bleve.NewIndexMapping()
	m.ScoringModel = index.BM25Scoring
	m.DefaultAnalyzer = en.AnalyzerName
	doc := bleve.NewDocumentStaticMapping()
	for _, f := range fields {
		fm := bleve.NewTextFieldMapping()
		fm.Analyzer = en.AnalyzerName
		fm.Store = false
		fm.IncludeInAll = false
		fm.IncludeTermVectors = true
		doc.AddFieldMappingsAt(f, fm)
	}
	doc.AddSubDocumentMapping("_all", bleve.NewDocumentDisabledMapping())
	m.DefaultMapping = doc
	return m
}

var (
	topics = []string{"gout", "asthma", "glaucoma", "eczema", "anemia", "migraine", "diabetes", "lupus"}
	kinds  = []string{"symptoms", "treatment", "causes", "outlook", "prevention"}
	words  = strings.Fields("many people ask about the signs and the causes of a condition which doctors treat " +
		"with medicines rest diet exercise and sometimes surgery when nothing else helps early care matters " +
		"pain swelling fever cough fatigue rash blurred vision headache nausea thirst weight loss joints")
)

// record is document i: the same for every call, with ties (repeated records) and
// words in few and in most documents.
func record(i int) map[string]any {
	rng := rand.New(rand.NewPCG(uint64(i%97), 7))
	topic, kind := topics[i%len(topics)], kinds[(i/len(topics))%len(kinds)]
	var body []string
	for range 5 + rng.IntN(40) {
		body = append(body, words[rng.IntN(len(words))])
	}
	body = append(body, topic, kind)
	if i%31 == 0 {
		body = append(body, "rarely", fmt.Sprint("code", i))
	}
	return map[string]any{
		"title":      kind + " of " + topic,
		"alternates": []string{"what are the " + kind + " of " + topic, topic + " " + kind},
		"body":       strings.Join(body, " "),
	}
}

const docs = 400

func id(i int) string { return fmt.Sprintf("p%04d", i) }

// buildWithBleve builds the index with bleve's offline builder, one document per
// batch so that the documents keep their order.
func buildWithBleve(t *testing.T, dir string) {
	t.Helper()
	b, err := bleve.NewBuilder(dir, newMapping(), map[string]interface{}{"batchSize": 1, "mergeMax": docs + 1})
	if err != nil {
		t.Fatal(err)
	}
	for i := range docs {
		if err := b.Index(id(i), record(i)); err != nil {
			t.Fatal(err)
		}
	}
	if err := b.Close(); err != nil {
		t.Fatal(err)
	}
}

// buildHere builds the same index with a Builder: segments of uneven sizes, built
// by goroutines finishing in any order.
func buildHere(t *testing.T, dir string) {
	t.Helper()
	m := newMapping()
	mb, err := util.MarshalJSON(m)
	if err != nil {
		t.Fatal(err)
	}
	if err := os.MkdirAll(dir, 0o755); err != nil {
		t.Fatal(err)
	}
	meta := `{"storage":"` + scorch.Name + `","index_type":"` + scorch.Name + `"}`
	if err := os.WriteFile(filepath.Join(dir, "index_meta.json"), []byte(meta), 0o644); err != nil {
		t.Fatal(err)
	}
	b, err := New(filepath.Join(dir, "store"))
	if err != nil {
		t.Fatal(err)
	}
	var wg sync.WaitGroup
	start, n := 0, 0
	for size := 1; start < docs; size = size*3 + 2 {
		end := min(docs, start+size)
		wg.Go(func(seg, start, end int) func() {
			return func() {
				var batch []index.Document
				for i := start; i < end; i++ {
					d := document.NewDocument(id(i))
					if err := m.MapDocument(d, record(i)); err != nil {
						t.Error(err)
						return
					}
					for _, f := range d.Fields {
						f.Analyze()
					}
					batch = append(batch, d)
				}
				if err := b.Segment(seg, batch); err != nil {
					t.Error(err)
				}
			}
		}(n, start, end))
		start, n = end, n+1
	}
	wg.Wait()
	if err := b.Close(context.Background(), map[string][]byte{string(util.MappingInternalKey): mb}); err != nil {
		t.Fatal(err)
	}
	if n < 4 {
		t.Fatalf("only %d segments: the test does not merge", n)
	}
}

func open(t *testing.T, dir string) bleve.Index {
	t.Helper()
	idx, err := bleve.OpenUsing(dir, map[string]interface{}{"read_only": true})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { idx.Close() })
	return idx
}

// TestSameAsBleve checks that an index built here has the same documents, in the
// same order, the same dictionaries and field statistics, and gives the same hits
// and scores (to the bit) for term, phrase, disjunctive and match queries as one
// built by bleve's offline builder.
func TestSameAsBleve(t *testing.T) {
	want, got := filepath.Join(t.TempDir(), "bleve"), filepath.Join(t.TempDir(), "here")
	buildWithBleve(t, want)
	buildHere(t, got)
	a, b := open(t, want), open(t, got)

	na, _ := a.DocCount()
	nb, _ := b.DocCount()
	if na != docs || nb != na {
		t.Fatalf("documents: bleve %d, here %d; want %d", na, nb, docs)
	}
	var queries []query.Query
	for _, f := range fields {
		da, db := dictionary(t, a, f), dictionary(t, b, f)
		if !reflect.DeepEqual(da, db) {
			t.Errorf("field %s: dictionaries differ (%d terms, %d terms)", f, len(da), len(db))
		}
		ca, cb := cardinality(t, a, f), cardinality(t, b, f)
		if ca != cb {
			t.Errorf("field %s: cardinality %d here, %d by bleve", f, cb, ca)
		}
		for term := range da {
			tq := query.NewTermQuery(term)
			tq.SetField(f)
			queries = append(queries, tq)
		}
		queries = append(queries, query.NewPhraseQuery([]string{"symptom", "gout"}, f),
			query.NewPhraseQuery([]string{"caus", "asthma"}, f))
	}
	mq := query.NewMatchQuery("what are the causes and treatment of glaucoma and rarely lupus")
	queries = append(queries, mq, query.NewDisjunctionQuery(queries[:40]))
	for _, q := range queries {
		ha, hb := hits(t, a, q), hits(t, b, q)
		if !reflect.DeepEqual(ha, hb) {
			t.Errorf("query %s: hits differ\nbleve: %.300v\nhere:  %.300v", describe(q), ha, hb)
		}
	}
	if len(queries) < 80 {
		t.Errorf("only %d queries", len(queries))
	}
}

// TestMissingSegment checks that Close refuses a gap in the numbering, and Abort
// leaves nothing behind.
func TestMissingSegment(t *testing.T) {
	dir := t.TempDir()
	b, err := New(filepath.Join(dir, "store"))
	if err != nil {
		t.Fatal(err)
	}
	m := newMapping()
	for _, n := range []int{0, 2} {
		d := document.NewDocument(id(n))
		if err := m.MapDocument(d, record(n)); err != nil {
			t.Fatal(err)
		}
		if err := b.Segment(n, []index.Document{d}); err != nil {
			t.Fatal(err)
		}
	}
	if err := b.Segment(3, nil); err == nil {
		t.Error("a segment of no documents: no error")
	}
	if err := b.Close(context.Background(), nil); err == nil || !strings.Contains(err.Error(), "segment 1 is missing") {
		t.Errorf("Close with segment 1 missing = %v", err)
	}
	if err := b.Abort(); err != nil {
		t.Fatal(err)
	}
	if left, _ := os.ReadDir(dir); len(left) != 0 {
		t.Errorf("Abort left %v", left)
	}
}
