package importer

import (
	"slices"
	"testing"
)

func TestGroupMergesRepeats(t *testing.T) {
	const page = "https://example.org/flu"
	tests := []struct {
		name       string
		rows       []row
		merged     int
		answer     string // of the first entry
		alternates []string
		entries    int
	}{
		{
			name: "different answers are appended in input order",
			rows: []row{
				{line: 2, question: "What to do for flu?", answer: "Rest.", url: page, topic: "Flu"},
				{line: 3, question: "Is flu contagious?", answer: "Yes.", url: page, topic: "Flu"},
				{line: 4, question: "what to do for  FLU", answer: "Drink fluids.\nSee a doctor if it lasts.", url: page + "#s2", topic: "flu", alternates: []string{"Flu care"}},
				{line: 5, question: "What to do for flu ?", answer: "Stay home.", url: page, topic: "Flu"},
			},
			merged:     2,
			answer:     "Rest.\n\nDrink fluids.\nSee a doctor if it lasts.\n\nStay home.",
			alternates: []string{"Flu care"},
			entries:    2,
		},
		{
			name: "an identical answer is kept once",
			rows: []row{
				{line: 2, question: "What to do for flu?", answer: "Rest.\nDrink fluids.", url: page, topic: "Flu"},
				{line: 3, question: "What to do for flu?", answer: "Rest.  Drink   fluids.", url: page, topic: "Flu"},
				{line: 4, question: "What to do for flu?", answer: "Stay home.", url: page, topic: "Flu"},
				{line: 5, question: "What to do for flu?", answer: "Stay home.", url: page, topic: "Flu"},
				{line: 6, question: "What to do for flu?", answer: "Rest.\nDrink fluids.", url: page, topic: "Flu"},
			},
			merged:  4,
			answer:  "Rest.\nDrink fluids.\n\nStay home.",
			entries: 1,
		},
		{
			name: "the same question on another page is not merged",
			rows: []row{
				{line: 2, question: "What to do for flu?", answer: "Rest.", url: page, topic: "Flu"},
				{line: 3, question: "What to do for flu?", answer: "Stay home.", url: "https://example.net/flu", topic: "Flu"},
			},
			merged:  0,
			answer:  "Rest.",
			entries: 1,
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			g := group(tt.rows, "faq.csv")
			if g.merged != tt.merged {
				t.Errorf("merged = %d; want %d", g.merged, tt.merged)
			}
			e := g.docs[0].entries[0]
			if e.answer != tt.answer {
				t.Errorf("first entry's answer = %q; want %q", e.answer, tt.answer)
			}
			if !slices.Equal(e.alternates, tt.alternates) {
				t.Errorf("first entry's alternates = %q; want %q", e.alternates, tt.alternates)
			}
			if len(g.docs[0].entries) != tt.entries {
				t.Errorf("first document has %d entries; want %d", len(g.docs[0].entries), tt.entries)
			}
		})
	}
}
