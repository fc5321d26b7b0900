package search

import (
	"context"
	"os"
	"path/filepath"
	"slices"
	"testing"

	"github.com/faqbot/faqbot/internal/faq"
)

// TestRankVerdicts checks Rank's verdicts on seed questions: an FAQ question asked
// as written gets that FAQ entry first; a question close to the content but not
// surely answered gets the closest entries; what the content does not cover, and
// what is no question at all, get no answer.
func TestRankVerdicts(t *testing.T) {
	ix, lib := buildSeed(t)
	tests := []struct {
		question string
		want     faq.Verdict
		first    string // title of the first hit, if any is required
	}{
		{"Can I drink alcohol while undergoing ketamine therapy?", faq.VerdictAnswer, "Can I Drink Alcohol While Undergoing Ketamine Therapy?"},
		{"How long does it take for ketamine to work?", faq.VerdictAnswer, "How Long Does It Take for Ketamine to Work?"},
		{"can i drnk alchol on ketamin", faq.VerdictAnswer, "Can I Drink Alcohol While Undergoing Ketamine Therapy?"},
		{"how do I bake sourdough bread", faq.VerdictNotCovered, ""},
		{"can I take melatonin with ketamine", faq.VerdictUnsure, ""},
		{"ketamine", faq.VerdictUnsure, ""}, // one word, in no title alone
		{"pregnancy", faq.VerdictNotCovered, ""},
		{"???", faq.VerdictNoQuestion, ""},
		{"hello", faq.VerdictNoQuestion, ""},
		{"", faq.VerdictNoQuestion, ""},
	}
	for _, tt := range tests {
		r, err := ix.Rank(context.Background(), tt.question, 4)
		if err != nil {
			t.Fatalf("Rank(%q): %v", tt.question, err)
		}
		if r.Verdict != tt.want {
			t.Errorf("Rank(%q) verdict = %s; want %s", tt.question, r.Verdict, tt.want)
		}
		if len(r.Hits) > 4 {
			t.Errorf("Rank(%q, 4) gave %d hits", tt.question, len(r.Hits))
		}
		if tt.first == "" {
			continue
		}
		if len(r.Hits) == 0 || titleOf(lib, r.Hits[0].PassageID) != tt.first {
			t.Errorf("Rank(%q) hits = %v; want %q first", tt.question, r.Hits, tt.first)
		}
	}
}

// TestRankHits checks which of the passages found Rank gives: all of them with an
// answer; unsure, those close to the question, one of each title; else only those
// covering enough of the question to be nearby topics.
func TestRankHits(t *testing.T) {
	ix, _ := buildSeed(t)
	for _, q := range []string{
		"Can I drink alcohol while undergoing ketamine therapy?", "ketamine alcohol",
		"can I take melatonin with ketamine", "is ketamine safe while pregnant",
		"what's the weather in Paris", "zoloft", "hello",
	} {
		for _, n := range []int{0, 1, 4, 8} {
			r, err := ix.Rank(context.Background(), q, n)
			if err != nil {
				t.Fatal(err)
			}
			res, err := ix.find(context.Background(), q, max(n, candidates))
			if err != nil {
				t.Fatal(err)
			}
			var want []faq.Hit
			seen := map[string]bool{}
			for _, h := range res.hits {
				ok := r.Verdict == faq.VerdictAnswer || r.Verdict != faq.VerdictUnsure && h.coverage >= minNearCoverage
				if r.Verdict == faq.VerdictUnsure {
					ok = ix.close(h, res) && !seen[ix.title(h.passageID)]
					seen[ix.title(h.passageID)] = true
				}
				if ok && len(want) < n {
					want = append(want, faq.Hit{PassageID: h.passageID, Score: h.score})
				}
			}
			if !slices.Equal(r.Hits, want) {
				t.Errorf("Rank(%q, %d) = %s %v; want the hits %v", q, n, r.Verdict, r.Hits, want)
			}
			if r.Verdict == faq.VerdictAnswer && (n < 1 || ix.shortfall(res.hits, res) != "") {
				t.Errorf("Rank(%q, %d) answers with %s, which does not answer", q, n, r.Hits[0].PassageID)
			}
		}
	}
}

// TestRankMinCoverage checks that the decision uses the Options it was opened with.
func TestRankMinCoverage(t *testing.T) {
	_, lib := buildSeed(t)
	const question = "Can I drink alcohol while undergoing ketamine therapy?"
	tests := []struct {
		opt  Options
		want faq.Verdict
	}{
		{Options{}, faq.VerdictAnswer},
		{Options{MinCoverage: DefaultMinCoverage}, faq.VerdictAnswer},
		{Options{MinCoverage: -1}, faq.VerdictAnswer}, // the default
		{Options{MinCoverage: 1.01}, faq.VerdictUnsure},
	}
	for _, tt := range tests {
		ix, err := Build(context.Background(), filepath.Join(t.TempDir(), "bleve"), lib, tt.opt)
		if err != nil {
			t.Fatal(err)
		}
		r, err := ix.Rank(context.Background(), question, 4)
		ix.Close()
		if err != nil || r.Verdict != tt.want {
			t.Errorf("with %+v: Rank(%q) = %s, %v; want %s", tt.opt, question, r.Verdict, err, tt.want)
		}
	}
}

// TestBackend checks that a Backend builds and opens rankers, and that a failure
// gives a nil faq.Ranker, not a nil *Index inside one.
func TestBackend(t *testing.T) {
	_, lib := buildSeed(t)
	b := Backend{Options: Options{MinCoverage: 1.01}}
	dir := filepath.Join(t.TempDir(), "bleve")
	r, err := b.Build(context.Background(), dir, lib)
	if err != nil {
		t.Fatalf("Build: %v", err)
	}
	r.Close()
	r, err = b.Open(dir, lib)
	if err != nil {
		t.Fatalf("Open: %v", err)
	}
	defer r.Close()
	// The Backend's options are used: nothing covers 101% of a question.
	if got, err := r.Rank(context.Background(), "Can I drink alcohol while undergoing ketamine therapy?", 4); err != nil || got.Verdict != faq.VerdictUnsure {
		t.Errorf("Rank = %s, %v; want %s", got.Verdict, err, faq.VerdictUnsure)
	}
	if r, err := b.Open(filepath.Join(t.TempDir(), "missing"), lib); err == nil || r != nil {
		t.Errorf("Open(missing) = %v, %v; want a nil Ranker and an error", r, err)
	}
	if r, err := b.Build(context.Background(), dir, lib); err == nil || r != nil {
		t.Errorf("Build(existing dir) = %v, %v; want a nil Ranker and an error", r, err)
	}
	if _, err := os.Stat(dir); err != nil {
		t.Errorf("a failed Build removed the existing index: %v", err)
	}
}
