package search

import (
	"context"
	"fmt"
	"path/filepath"
	"strings"
	"testing"

	"github.com/faqbot/faqbot/internal/content"
	"github.com/faqbot/faqbot/internal/faq"
	"github.com/faqbot/faqbot/internal/search/bm25/bm25test"
)

// syntheticLibrary is the shipped content plus passages that share common words
// and phrases, so that term and phrase caching are exercised.
func syntheticLibrary(t *testing.T) faq.Library {
	t.Helper()
	lib, err := content.Load("../../content")
	if err != nil {
		t.Fatal(err)
	}
	topics := []string{"gout", "asthma", "glaucoma", "eczema", "anemia", "migraine", "psoriasis", "scoliosis"}
	kinds := []string{"symptoms", "treatment", "causes", "outlook", "inheritance"}
	for i, topic := range topics {
		d := faq.Document{ID: "synthetic-" + topic, Title: strings.ToUpper(topic[:1]) + topic[1:]}
		for j, kind := range kinds {
			text := fmt.Sprintf("Many people with %s ask about %s. The %s of %s differ: many people "+
				"have mild %s, some people have severe %s. Doctors explain %s to people. %s",
				topic, kind, kind, topic, kind, kind, kind, strings.Repeat("More words about "+kind+". ", i+j))
			d.Passages = append(d.Passages, faq.Passage{
				ID: d.ID + "#" + kind, DocumentID: d.ID, Kind: faq.KindFAQ,
				Title: fmt.Sprintf("What are the %s of %s?", kind, topic), Section: "Frequently Asked Questions",
				Alternates: []string{fmt.Sprintf("%s %s", topic, kind)},
				Text:       text, Plain: text,
			})
		}
		lib.Documents = append(lib.Documents, d)
	}
	lib.Synonyms = append(lib.Synonyms, faq.SynonymRule{Synonyms: []string{"how common", "many people"}})
	return lib
}

// TestQueriesMatchBleve checks that the BM25 executor finds the same passages, with
// the same scores and matched terms, as bleve's own search of the queries questions
// make: on the first run of each question (postings read from the index), and again
// once the postings and phrases it used are cached. (Package bm25 checks the same
// for queries written by hand.)
func TestQueriesMatchBleve(t *testing.T) {
	lib := syntheticLibrary(t)
	ix, err := Build(context.Background(), filepath.Join(t.TempDir(), "bleve"), lib, Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer ix.Close()
	questions := []string{
		"how common is gout", "many people asthma symptoms", "glaucoma treatment",
		"what causes migraine in people", "ketamine and alcohol", "can I take zoloft with ketamine",
		"Hi all, my mom has psoriasis and eczema and I wonder how many people have the severe kind? thanks",
		"inheritance of scoliosis", "anemia outlook doctors explain", "zzzz qqqq",
	}
	for _, pass := range []string{"uncached", "cached"} {
		for _, question := range questions {
			q := ix.query(ix.concepts(question))
			if q == nil {
				continue
			}
			got, err := ix.exec.Search(context.Background(), q, 10)
			if err != nil {
				t.Fatalf("%s: execute(%q): %v", pass, question, err)
			}
			hits := make([]bm25test.Hit, len(got))
			for i, h := range got {
				hits[i] = bm25test.Hit(h)
			}
			bm25test.Check(t, fmt.Sprintf("%s: %q", pass, question), ix.bleve, q, 10, hits)
		}
	}
}

// TestWarmKeepsAnswers checks that answers do not change once Warm has cached the
// postings of common terms.
func TestWarmKeepsAnswers(t *testing.T) {
	lib := syntheticLibrary(t)
	ix, err := Build(context.Background(), filepath.Join(t.TempDir(), "bleve"), lib, Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer ix.Close()
	const question = "how many people have gout symptoms"
	before, err := ix.find(context.Background(), question, 5)
	if err != nil {
		t.Fatal(err)
	}
	ix.Warm(context.Background())
	after, err := ix.find(context.Background(), question, 5)
	if err != nil {
		t.Fatal(err)
	}
	if fmt.Sprint(before) != fmt.Sprint(after) {
		t.Errorf("Search(%q) changed after Warm:\n before %v\n after  %v", question, before, after)
	}
}

// TestBuildEmpty checks that an index of no passages can be built and searched.
func TestBuildEmpty(t *testing.T) {
	ix, err := Build(context.Background(), filepath.Join(t.TempDir(), "bleve"), faq.Library{}, Options{})
	if err != nil {
		t.Fatalf("Build(empty library): %v", err)
	}
	defer ix.Close()
	res, err := ix.find(context.Background(), "anything at all", 3)
	if err != nil || len(res.hits) != 0 {
		t.Errorf("Search on an empty index = %v, %v; want no hits, no error", res.hits, err)
	}
}
