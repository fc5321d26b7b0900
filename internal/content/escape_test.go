package content_test

import (
	"net/url"
	"slices"
	"strings"
	"testing"

	"github.com/faqbot/faqbot/internal/content"
	"github.com/faqbot/faqbot/internal/faq"
)

// renderEntry renders a document titled Test with one FAQ entry and parses it back.
func renderEntry(t *testing.T, p faq.Passage) faq.Passage {
	t.Helper()
	p.Kind = faq.KindFAQ
	doc := roundTrip(t, "test.md", faq.Document{Title: "Test", Passages: []faq.Passage{p}})
	if len(doc.Passages) != 1 {
		t.Fatalf("rendered entry parsed into %d passages; want 1", len(doc.Passages))
	}
	return doc.Passages[0]
}

// TestMarkdown checks that plain text comes back from Markdown, Render and Parse as
// written: every character that means something in Markdown is escaped.
func TestMarkdown(t *testing.T) {
	tests := []struct {
		name  string
		lines string // one paragraph a line
		items []string
		want  string // the plain text; "" means lines, then items, one a line
	}{
		{name: "plain", lines: "Just text."},
		{name: "emphasis", lines: "Use *bold*, **strong**, _under_ and snake_case_name."},
		{name: "code and strike", lines: "Type `ls` or ```; ~~old~~ ~5 mg"},
		{name: "html", lines: "<b>bold</b>, <br/>, <!-- note --> and <https://example.com>"},
		{name: "html blocks", lines: "<div>\n<!-- c -->\n<?php\n<![CDATA[x]]>\n</p>"},
		{name: "comparisons", lines: "5 < 6, 7 > 3, a<b and x <= y"},
		{name: "headings", lines: "# not a heading\n## no\n###### nor this\n#hashtag\n#"},
		{name: "quote", lines: "> not a quote\n>"},
		{name: "list markers", lines: "- one dash\n+ one plus\n* one star\n-\n+"},
		{name: "ordered", lines: "1. one\n2) two\n10. ten\n1234567890. too long to be a list\n3."},
		{name: "thematic breaks", lines: "---\n***\n___\n- - -\n==="},
		{name: "table", lines: "| a | b |\n|---|---|\n| 1 | 2 |"},
		{name: "links", lines: "[link](https://x.org), ![img](y.png) and [ref][1]\n[1]: https://x.org"},
		{name: "brackets without links", lines: "See note [3] and [a, b]."},
		{name: "entities", lines: "&copy; &#169; &#xA9; AT&T R&D & &amp;"},
		{name: "backslashes", lines: `back\slash \* C:\path \\ end\`},
		{name: "task boxes", lines: "[ ] open\n[x] done"},
		{name: "fences", lines: "```go\n~~~"},
		{name: "urls", lines: "See https://example.com/a_b/~c/d_(e) or <https://x.org/y_z> for more."},
		{name: "also asked", lines: "Also asked:\nalso asked", want: "Also\u00a0asked:\nalso\u00a0asked"},
		{name: "list items", items: []string{"- dash", "1. one", "> quote", "# hash", "*star*", "[ ] box", "Also asked:", "  spaced  ", ""},
			want: "- dash\n1. one\n> quote\n# hash\n*star*\n[ ] box\nAlso asked:\nspaced"},
		{name: "paragraphs then a list", lines: "Bring:", items: []string{"a passport", "the fee"}},
		{name: "line breaks become spaces", lines: "", items: []string{"one\ntwo", "three\r\nfour"}, want: "one two\nthree four"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var blocks []content.Block
			var want []string
			if tt.lines != "" {
				for l := range strings.SplitSeq(tt.lines, "\n") {
					blocks = append(blocks, content.Block{Text: l})
					want = append(want, l)
				}
			}
			if tt.items != nil {
				blocks = append(blocks, content.Block{Items: tt.items})
				want = append(want, tt.items...)
			}
			if tt.want == "" {
				tt.want = strings.Join(want, "\n")
			}
			md := content.Markdown(blocks)
			if p := renderEntry(t, faq.Passage{Title: "Q?", Text: md}); p.Plain != tt.want || p.Text != md {
				t.Errorf("%q as Markdown:\n%s\nparses to plain text %q, Markdown %q; want %q", want, md, p.Plain, p.Text, tt.want)
			}
		})
	}
}

// TestHeadingText checks that questions and alternate phrasings come back from the
// parser exactly as written.
func TestHeadingText(t *testing.T) {
	tests := []string{
		"What is (are) Glaucoma ?",
		"Is C# or F# better?",
		"Is it #1 #",
		"##",
		"Can I take *any* <b>dose</b> of [x](y)?",
		"What does ~~this~~ mean_?",
		`Is a \ allowed?`,
		"- leading dash?",
		"1. numbered?",
		"> quoted?",
		"Also asked:",
		"AT&amp;T &copy;?",
	}
	for _, q := range tests {
		t.Run(q, func(t *testing.T) {
			alternates := []string{q + " too", "# " + q, "[x] " + q}
			p := renderEntry(t, faq.Passage{Title: q, Alternates: alternates, Text: "Yes."})
			if p.Title != q {
				t.Errorf("question %q came back as %q", q, p.Title)
			}
			if !slices.Equal(p.Alternates, alternates) {
				t.Errorf("alternates of %q came back as %q; want %q", q, p.Alternates, alternates)
			}
		})
	}
}

// TestFrontMatterText checks that titles, summaries and references come back from
// the front matter as written, whatever characters they hold.
func TestFrontMatterText(t *testing.T) {
	tests := []string{
		"Glaucoma", "Glaucoma (NEI)", "Yes", "null", "123", "2025-01-15", "15q11.2 microdeletion",
		"Ratio: 1:2", "C# #tips", "#hashtag", "- dash", "'quoted'", `"double"`, `back\slash`,
		"[list]", "{map}", "*star", "&anchor", "!tag", "%pct", "@at", "`tick`", "|pipe", ">gt",
		"ends with colon:", "Ménière's disease", "tab\there", "no\u00a0break", "bell\a", "---", "...",
	}
	for _, s := range tests {
		doc := faq.Document{
			Title: s, Summary: s + "\nsecond line", Disclaimer: s,
			References: []faq.Reference{{Title: s, URL: "https://example.com/a?b=c&d=e#" + url.PathEscape(s)}},
			Passages:   []faq.Passage{{Kind: faq.KindFAQ, Title: "Q?", Text: "A."}},
		}
		got := roundTrip(t, "t.md", doc)
		if got.Title != s || got.Summary != doc.Summary || got.Disclaimer != s || !slices.Equal(got.References, doc.References) {
			t.Errorf("%q came back as title %q, summary %q, disclaimer %q, references %v", s, got.Title, got.Summary, got.Disclaimer, got.References)
		}
	}
}

func TestDocumentID(t *testing.T) {
	tests := []struct{ title, want string }{
		{"Glaucoma (NEI)", "glaucoma-nei"},
		{"Billing (help.example.com)", "billing-help-example-com"},
		{"Myelodysplastic/ Myeloproliferative Neoplasms", "myelodysplastic-myeloproliferative-neoplasms"},
		{"Ménière's disease", "ménière-s-disease"},
		{"README", "readme-faq"},
		{"???", "faq"},
		{strings.Repeat("long ", 30), strings.TrimSuffix(strings.Repeat("long-", 16), "-")},
	}
	for _, tt := range tests {
		if got := content.DocumentID(tt.title); got != tt.want {
			t.Errorf("DocumentID(%q) = %q; want %q", tt.title, got, tt.want)
		}
	}
}
