package importer

import (
	"testing"

	"github.com/faqbot/faqbot/internal/content"
	"github.com/faqbot/faqbot/internal/faq"
)

// TestAnswerText checks how plain-text answers are read: one paragraph a line,
// bulleted lines and bullets strung together on one line as lists, and the text
// itself kept (content's tests check the escaping in detail). The parsed passage's
// plain text has one line per paragraph or list item.
func TestAnswerText(t *testing.T) {
	tests := []struct {
		name, answer, want string // want "" means the answer itself
	}{
		{"plain", "Just text.", ""},
		{"markup is kept as text", "Use *bold*, <b>html</b>, [links](x) & `code`.\n# not a heading\n1. not a list", ""},
		{"indented", "    four spaces\n\ttab", "four spaces\ntab"},
		{"blank lines", "one\n\n\n two  words \r\nthree", "one\ntwo words\nthree"},
		{"bullet lines", "Bring:\n- a passport\n* a photo\n• the fee", "Bring:\na passport\na photo\nthe fee"},
		{"one bullet line is a paragraph", "Bring:\n- a passport\nThanks.", ""},
		{"bullet run", "You may need: - Rest - Fluids - 2 days off work", "You may need:\nRest\nFluids\n2 days off work"},
		{"bullet run at start", "- First thing - Second thing", "First thing\nSecond thing"},
		{"dash in a sentence", "Type 1 - also called juvenile - is rarer", ""},
		{"one dash", "Fever. - Chills", ""},
		{"lower-case item", "Causes: - Stress - sleep loss", ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			want := tt.want
			if want == "" {
				want = tt.answer
			}
			md := content.Markdown(answerBlocks(tt.answer))
			doc := faq.Document{Title: "Test", Passages: []faq.Passage{{Kind: faq.KindFAQ, Title: "Q?", Text: md}}}
			data, err := content.Render(doc)
			if err != nil {
				t.Fatalf("Render: %v", err)
			}
			got, err := content.Parse("test.md", data)
			if err != nil || len(got.Passages) != 1 {
				t.Fatalf("Parse of\n%s\n= %d passages, error %v; want 1 passage", data, len(got.Passages), err)
			}
			if p := got.Passages[0]; p.Plain != want {
				t.Errorf("answer %q rendered as:\n%s\nparses to plain text %q; want %q", tt.answer, md, p.Plain, want)
			}
		})
	}
}
