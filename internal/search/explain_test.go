package search

import (
	"context"
	"errors"
	"strings"
	"testing"
)

func TestExplain(t *testing.T) {
	ix, _ := buildSeed(t)
	tests := []struct {
		question string
		want     []string
	}{
		{"can I drink alcohol on ketamine", []string{
			`Question: "can I drink alcohol on ketamine"`,
			`Verdict: answer: "Can I Drink Alcohol While Undergoing Ketamine Therapy?"`,
			"alcohol ", "ketamin ", // the concepts, as analysed
			"1. Can I Drink Alcohol While Undergoing Ketamine Therapy?",
			"the answer", "a runner-up", "coverage 1.00", "anchored yes",
		}},
		{"can i drnk alchol", []string{"alchol", "alcohol ×0.85 (typo, anchors)"}},
		{"zoloft", []string{"sertralin ×0.9"}},
		{"can I take melatonin with ketamine", []string{
			"Verdict: unsure: the best passage does not surely answer it: it leaves out a topic", "the closest are offered",
			"Unknown to the content: melatonin", "unknown to the content", "offered among the closest",
		}},
		{"what are the side effects of ketamine", []string{"Asks about: side_effects", "answers: side_effects (×1.2)"}},
		{"how do I bake sourdough bread", []string{"Verdict: not_covered"}},
		{"My dad was just diagnosed with depression. Is ketamine safe?", []string{"context (×0.35)"}},
		{"???", []string{"Verdict: no_question", "none: nothing to search for", "Hits, best first:\n  none"}},
	}
	for _, tt := range tests {
		var b strings.Builder
		if err := ix.Explain(context.Background(), &b, tt.question, 3); err != nil {
			t.Fatalf("Explain(%q): %v", tt.question, err)
		}
		for _, want := range tt.want {
			if !strings.Contains(b.String(), want) {
				t.Errorf("Explain(%q) does not say %q:\n%s", tt.question, want, b.String())
			}
		}
	}
}

type failingWriter struct{}

var errWrite = errors.New("disk full")

func (failingWriter) Write([]byte) (int, error) { return 0, errWrite }

func TestExplainWriteError(t *testing.T) {
	ix, _ := buildSeed(t)
	if err := ix.Explain(context.Background(), failingWriter{}, "ketamine", 3); !errors.Is(err, errWrite) {
		t.Errorf("Explain to a failing writer = %v; want %v", err, errWrite)
	}
}
