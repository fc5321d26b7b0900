package importer

import (
	"strings"
	"testing"
	"time"

	"github.com/faqbot/faqbot/internal/content"
	"github.com/faqbot/faqbot/internal/faq"
)

// parseEntry renders one entry as a content file and parses it back.
func parseEntry(t *testing.T, e entry) faq.Passage {
	t.Helper()
	var b strings.Builder
	renderEntry(&b, e)
	src := "---\ntitle: Test\n---\n\n" + faqHeading + b.String()
	doc, err := content.Parse("test.md", []byte(src))
	if err != nil {
		t.Fatalf("Parse of the rendered entry:\n%s\nerror: %v", src, err)
	}
	if len(doc.Passages) != 1 {
		t.Fatalf("rendered entry:\n%s\nparsed into %d passages; want 1", src, len(doc.Passages))
	}
	return doc.Passages[0]
}

// TestAnswerText checks that plain-text answers keep their text: characters that
// mean something in Markdown are escaped, so the parsed passage's plain text equals
// the input, with one line per paragraph or list item.
func TestAnswerText(t *testing.T) {
	tests := []struct {
		name, answer, want string // want "" means the answer itself
	}{
		{"plain", "Just text.", ""},
		{"emphasis", "Use *bold*, **strong**, _under_ and snake_case_name.", ""},
		{"code and strike", "Type `ls` or ```; ~~old~~ ~5 mg", ""},
		{"html", "<b>bold</b>, <br/>, <!-- note --> and <https://example.com>", ""},
		{"comparisons", "5 < 6, 7 > 3, a<b and x <= y", ""},
		{"heading", "# not a heading", ""},
		{"headings", "## no\n###### nor this\n#hashtag", ""},
		{"quote", "> not a quote", ""},
		{"dash item", "- one dash", ""},
		{"plus item", "+ one plus", ""},
		{"star item", "* one star", ""},
		{"ordered", "1. one\n2) two\n10. ten", ""},
		{"thematic breaks", "---\n***\n___\n- - -", ""},
		{"table", "| a | b |\n|---|---|\n| 1 | 2 |", ""},
		{"links", "[link](https://x.org), ![img](y.png) and [ref][1]", ""},
		{"reference definition", "[1]: https://x.org", ""},
		{"brackets without links", "See note [3] and [a, b].", ""},
		{"entities", "&copy; &#169; &#xA9; AT&T R&D &", ""},
		{"backslashes", `back\slash \* C:\path \\ end\`, ""},
		{"task boxes", "[ ] open\n[x] done", ""},
		{"fence", "```go\n~~~", ""},
		{"url", "See https://example.com/a_b/~c/d_(e) or <https://x.org/y_z> for more.", ""},
		{"indented", "    four spaces\n\ttab", "four spaces\ntab"},
		{"blank lines", "one\n\n\n two  words \r\nthree", "one\ntwo words\nthree"},
		{"also asked", "Also asked:\n- a\n- b", "Also\u00a0asked:\na\nb"},
		{"bullet lines", "Bring:\n- a passport\n* a photo\n• the fee", "Bring:\na passport\na photo\nthe fee"},
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
			p := parseEntry(t, entry{question: "Q?", answer: tt.answer})
			if p.Plain != want {
				var b strings.Builder
				renderAnswer(&b, tt.answer)
				t.Errorf("answer %q rendered as:\n%s\nparses to plain text %q; want %q", tt.answer, b.String(), p.Plain, want)
			}
		})
	}
}

// TestQuestionText checks that questions and alternate phrasings come back from the
// parser exactly as written.
func TestQuestionText(t *testing.T) {
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
	}
	for _, q := range tests {
		t.Run(q, func(t *testing.T) {
			p := parseEntry(t, entry{question: q, alternates: []string{q + " too", "# " + q}, answer: "Yes."})
			if p.Title != q {
				t.Errorf("question %q came back as %q", q, p.Title)
			}
			if want := []string{q + " too", "# " + q}; strings.Join(p.Alternates, "|") != strings.Join(want, "|") {
				t.Errorf("alternates of %q came back as %q; want %q", q, p.Alternates, want)
			}
		})
	}
}

func TestSlug(t *testing.T) {
	tests := []struct{ title, want string }{
		{"Glaucoma (NEI)", "glaucoma-nei"},
		{"Myelodysplastic/ Myeloproliferative Neoplasms", "myelodysplastic-myeloproliferative-neoplasms"},
		{"Ménière's disease", "ménière-s-disease"},
		{"README", "readme-faq"},
		{"???", "faq"},
		{strings.Repeat("long ", 30), strings.TrimSuffix(strings.Repeat("long-", 16), "-")},
	}
	for _, tt := range tests {
		if got := slug(tt.title); got != tt.want {
			t.Errorf("slug(%q) = %q; want %q", tt.title, got, tt.want)
		}
	}
}

// TestFrontMatterText checks that titles and URLs come back from the front matter
// as written, whatever characters they hold.
func TestFrontMatterText(t *testing.T) {
	tests := []string{
		"Glaucoma", "Glaucoma (NEI)", "Yes", "null", "123", "2025-01-15", "15q11.2 microdeletion",
		"Ratio: 1:2", "C# #tips", "#hashtag", "- dash", "'quoted'", `"double"`, `back\slash`,
		"[list]", "{map}", "*star", "&anchor", "!tag", "%pct", "@at", "`tick`", "|pipe", ">gt",
		"ends with colon:", "Ménière's disease", "tab\there",
	}
	for _, title := range tests {
		d := &document{topic: title, title: title, url: "https://example.com/a?b=c&d=e", entries: []entry{{question: "Q?", answer: "A."}}}
		texts := map[*entry]string{&d.entries[0]: "### Q?\n\nA.\n"}
		data := render(d, texts, time.Time{})
		doc, err := content.Parse("t.md", data)
		if err != nil {
			t.Errorf("title %q: Parse:\n%s\nerror: %v", title, data, err)
			continue
		}
		wantRef := faq.Reference{Title: title + " (example.com)", URL: d.url}
		if doc.Title != title || len(doc.References) != 1 || doc.References[0] != wantRef {
			t.Errorf("title %q came back as %q, references %v; want %v", title, doc.Title, doc.References, wantRef)
		}
	}
}
