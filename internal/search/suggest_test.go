package search

import (
	"context"
	"testing"

	"github.com/faqbot/faqbot/internal/faq"
)

// faqTitles lists the titles of lib's FAQ entries in content order.
func faqTitles(t *testing.T, lib faq.Library) []string {
	t.Helper()
	var out []string
	for _, d := range lib.Documents {
		for _, p := range d.Passages {
			if p.Kind == faq.KindFAQ {
				out = append(out, p.Title)
			}
		}
	}
	if len(out) < 3 {
		t.Fatalf("the seed content has %d FAQ entries; the test needs 3", len(out))
	}
	return out
}

func TestSuggest(t *testing.T) {
	ix, lib := buildSeed(t)
	faqs := faqTitles(t, lib)
	tests := []struct {
		prefix string
		n      int
		want   []string // titles of the first hits
		min    int      // at least this many hits
	}{
		// Nothing typed: the FAQ questions first, in content order.
		{"", 3, faqs[:3], 3},
		// Each typed word starts a word of the title; FAQ entries win ties.
		{"drink alc", 5, []string{"Can I Drink Alcohol While Undergoing Ketamine Therapy?"}, 1},
		{"How long does", 1, []string{"How Long Does It Take for Ketamine to Work?"}, 1},
		{"mechanisms", 5, []string{"Mechanisms of Interaction"}, 1},
		// No title matches word by word: the best full-text matches.
		{"alchol ketamin", 3, nil, 1},
		{"zzzz qqqq", 5, nil, 0},
		{"ketamine", 0, nil, 0},
	}
	for _, tt := range tests {
		hits, err := ix.Suggest(context.Background(), tt.prefix, tt.n)
		if err != nil {
			t.Fatalf("Suggest(%q): %v", tt.prefix, err)
		}
		if len(hits) > tt.n || len(hits) < tt.min {
			t.Errorf("Suggest(%q, %d) gave %d hits; want %d to %d", tt.prefix, tt.n, len(hits), tt.min, tt.n)
		}
		for i, want := range tt.want {
			if i >= len(hits) || titleOf(lib, hits[i].PassageID) != want {
				t.Errorf("Suggest(%q) = %v; want %q at %d", tt.prefix, hits, want, i)
			}
		}
		for i := 1; i < len(hits); i++ {
			if hits[i].Score > hits[i-1].Score {
				t.Errorf("Suggest(%q): hit %d scores more than hit %d: %v", tt.prefix, i, i-1, hits)
			}
		}
	}
}

// TestSuggestScores checks the word-prefix scores: 2 a typed word, 1 more for an
// FAQ entry.
func TestSuggestScores(t *testing.T) {
	ix, lib := buildSeed(t)
	hits, err := ix.Suggest(context.Background(), "can i drink", 1)
	if err != nil || len(hits) != 1 {
		t.Fatalf("Suggest = %v, %v; want one hit", hits, err)
	}
	if got := titleOf(lib, hits[0].PassageID); got != "Can I Drink Alcohol While Undergoing Ketamine Therapy?" || hits[0].Score != 7 {
		t.Errorf("Suggest(can i drink) = %q scoring %g; want the alcohol FAQ scoring 7", got, hits[0].Score)
	}
}
