package search

import (
	"context"
	"fmt"
	"path/filepath"
	"strings"
	"testing"

	"github.com/faqbot/faqbot/internal/content"
	"github.com/faqbot/faqbot/internal/faq"
)

// buildSeed builds an index of the shipped content in a temporary directory.
func buildSeed(t testing.TB) (*Index, faq.Library) {
	t.Helper()
	lib, err := content.Load("../../content")
	if err != nil {
		t.Fatal(err)
	}
	ix, err := Build(context.Background(), filepath.Join(t.TempDir(), "bleve"), lib, Options{})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { ix.Close() })
	return ix, lib
}

func titleOf(lib faq.Library, id string) string {
	for _, d := range lib.Documents {
		for _, p := range d.Passages {
			if p.ID == id {
				return p.Title
			}
		}
	}
	return ""
}

func top(t *testing.T, ix *Index, lib faq.Library, q string) (string, match) {
	t.Helper()
	res, err := ix.find(context.Background(), q, 5)
	if err != nil {
		t.Fatalf("Search(%q): %v", q, err)
	}
	if len(res.hits) == 0 {
		return "", match{}
	}
	return titleOf(lib, res.hits[0].passageID), res.hits[0]
}

func TestSearchRanksFAQAndHeadings(t *testing.T) {
	ix, lib := buildSeed(t)
	tests := []struct{ q, want string }{
		{"ketamine alcohol", "Can I Drink Alcohol While Undergoing Ketamine Therapy?"},
		{"first ketamine session what to expect", "What Should I Expect During My First Ketamine Session?"},
		{"mechanisms of interaction", "Mechanisms of Interaction"},
		// Typos are corrected...
		{"can i drnk alchol on ketamin", "Can I Drink Alcohol While Undergoing Ketamine Therapy?"},
		// ...and synonyms expanded: Zoloft is sertraline, in the table of antidepressants.
		{"zoloft sertraline", "How Antidepressants Work"},
	}
	for _, tt := range tests {
		got, h := top(t, ix, lib, tt.q)
		if got != tt.want {
			t.Errorf("Search(%q) top = %q (coverage %.2f); want %q", tt.q, got, h.coverage, tt.want)
		}
	}
}

func TestSearchTypoDoesNotOutrankExact(t *testing.T) {
	ix, _ := buildSeed(t)
	// "safety" is in the content; a fuzzy neighbour of it must not be searched at all.
	cs := ix.concepts("safety")
	if len(cs) != 1 || len(cs[0].alts) != 1 || cs[0].alts[0].factor != exactFactor {
		t.Fatalf("concepts(safety) = %+v; want only the exact term", cs)
	}
	cs = ix.concepts("saftey")
	if len(cs) != 1 || len(cs[0].alts) == 0 {
		t.Fatalf("concepts(saftey) = %+v; want typo corrections", cs)
	}
	for _, a := range cs[0].alts {
		if a.factor >= exactFactor {
			t.Errorf("correction %v weighs %v; want less than an exact match", a.terms, a.factor)
		}
	}
}

func TestSearchCoverage(t *testing.T) {
	ix, lib := buildSeed(t)
	_, covered := top(t, ix, lib, "can I drink alcohol on ketamine")
	_, uncovered := top(t, ix, lib, "can I take melatonin with ketamine")
	if covered.coverage < 0.9 {
		t.Errorf("covered question coverage = %.2f; want ≥ 0.9", covered.coverage)
	}
	if uncovered.coverage >= covered.coverage/2 {
		t.Errorf("question about an unknown drug coverage = %.2f; want well below %.2f", uncovered.coverage, covered.coverage)
	}
	res, _ := ix.find(context.Background(), "can I take melatonin with ketamine", 3)
	if strings.Join(res.unknown, ",") != "melatonin" {
		t.Errorf("Unknown = %v; want [melatonin]", res.unknown)
	}
}

func TestSearchNeverParsesQuerySyntax(t *testing.T) {
	ix, _ := buildSeed(t)
	for _, q := range []string{"+title:x -y* ~2 ^5", `title:"alcohol"`, "body:ketamine~2", "*", "?", "", strings.Repeat("a", 10000)} {
		res, err := ix.find(context.Background(), q, 5)
		if err != nil {
			t.Errorf("Search(%.30q): %v", q, err)
		}
		for _, h := range res.hits {
			if h.coverage > 0.5 {
				t.Errorf("Search(%.30q) matched %s with coverage %.2f", q, h.passageID, h.coverage)
			}
		}
	}
}

func BenchmarkSearchSeed(b *testing.B) {
	ix, _ := buildSeed(b)
	ctx := context.Background()
	for b.Loop() {
		if _, err := ix.find(ctx, "Can I drink alcohol while undergoing ketamine therapy?", 4); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkAnswer ranks the questions of the engine's answer benchmark in turn.
func BenchmarkAnswer(b *testing.B) {
	ix, _ := buildSeed(b)
	ctx := context.Background()
	questions := []string{
		"Can I drink alcohol while on ketamine therapy?",
		"how long till ketamine works",
		"is it safe to take lexapro with spravato",
		"what's the weather in Paris",
	}
	i := 0
	for b.Loop() {
		if _, err := ix.Rank(ctx, questions[i%len(questions)], 4); err != nil {
			b.Fatal(err)
		}
		i++
	}
}

// TestTyposOfCommonWords: a stop word with two letters swapped ("waht") is no topic;
// a word the content has misspelt once ("symtoms") also stands for the common word
// a typo away, and its rarity does not make it weigh.
func TestTyposOfCommonWords(t *testing.T) {
	lib := faq.Library{Documents: []faq.Document{{ID: "d", Title: "Conditions"}}}
	d := &lib.Documents[0]
	for i := range 25 {
		d.Passages = append(d.Passages, faq.Passage{ID: fmt.Sprintf("d#%d", i), DocumentID: "d", Kind: faq.KindFAQ,
			Title: fmt.Sprintf("What are the symptoms of condition %c%c?", 'a'+i%5, 'a'+i/5), Plain: "Symptoms vary."})
	}
	d.Passages = append(d.Passages, faq.Passage{ID: "d#typo", DocumentID: "d", Kind: faq.KindFAQ,
		Title: "Other notes", Plain: "The symtoms are mild."})
	ix, err := Build(context.Background(), filepath.Join(t.TempDir(), "ix"), lib, Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer ix.Close()
	cs := ix.concepts("waht are the symtoms")
	if len(cs) != 1 || cs[0].text != "symtom" {
		t.Fatalf("concepts = %+v; want symtom alone (waht is a typo of what)", cs)
	}
	found := false
	for _, a := range cs[0].alts {
		found = found || a.terms[0] == "symptom"
	}
	if !found || cs[0].weight >= ix.idf(1) {
		t.Errorf("symtom = %+v; want symptom among its alternatives, weighing as symptom", cs[0])
	}
}
