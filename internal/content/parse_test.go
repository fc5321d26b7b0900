package content_test

import (
	"errors"
	"fmt"
	"slices"
	"strings"
	"testing"

	"github.com/faqbot/faqbot/internal/content"
	"github.com/faqbot/faqbot/internal/faq"
)

// fm is front matter with just a title.
const fm = "---\ntitle: Test Document\n---\n"

func TestParsePassages(t *testing.T) {
	type want struct {
		id, kind, title, section string
		alternates               []string
		text, plain              string
		line                     int
	}
	tests := []struct {
		name string
		src  string
		want []want
	}{
		{
			name: "intro sections and sub-sections",
			src:  fm + "Intro *text*.\n\n## First Part\nBody of [first](https://x.example).\n\n### Detail A\nMore `code`.\n",
			want: []want{
				{"doc#intro", "intro", "Test Document", "", nil, "Intro *text*.", "Intro text.", 4},
				{"doc#first-part", "section", "First Part", "First Part", nil, "Body of [first](https://x.example).", "Body of first.", 6},
				{"doc#detail-a", "section", "Detail A", "First Part", nil, "More `code`.", "More code.", 9},
			},
		},
		{
			name: "also asked is removed from text and becomes alternates",
			src:  fm + "## Alcohol\n**Also asked:**\n- Can I drink **beer**?\n- Is wine ok?\n\nAvoid alcohol.\n\n- one\n- two\n",
			want: []want{
				{"doc#alcohol", "section", "Alcohol", "Alcohol", []string{"Can I drink beer?", "Is wine ok?"}, "Avoid alcohol.\n\n- one\n- two", "Avoid alcohol.\none\ntwo", 4},
			},
		},
		{
			name: "also asked under the intro",
			src:  fm + "Also asked:\n- What is this?\n\nThis is it.\n\n## S\nText.\n",
			want: []want{
				{"doc#intro", "intro", "Test Document", "", []string{"What is this?"}, "This is it.", "This is it.", 4},
				{"doc#s", "section", "S", "S", nil, "Text.", "Text.", 9},
			},
		},
		{
			name: "faq entries; a ## with no text of its own is no passage",
			src:  fm + "## FAQs\n\n### Can I?\nYes.\n\n### Should I?\nAlso asked:\n- ought I?\n\nMaybe.\n",
			want: []want{
				{"doc#can-i", "faq", "Can I?", "FAQs", nil, "Yes.", "Yes.", 6},
				{"doc#should-i", "faq", "Should I?", "FAQs", []string{"ought I?"}, "Maybe.", "Maybe.", 9},
			},
		},
		{
			name: "faq heading matched case-insensitively; ### after it in a later ## is a section",
			src:  fm + "## frequently ASKED questions\n### Q?\nA.\n## After\n### Sub\nText.\n",
			want: []want{
				{"doc#q", "faq", "Q?", "frequently ASKED questions", nil, "A.", "A.", 5},
				{"doc#sub", "section", "Sub", "After", nil, "Text.", "Text.", 8},
			},
		},
		{
			name: "repeated slugs get -2 and -3; a heading named intro does not clash",
			src:  fm + "Intro.\n## Intro\nA.\n## Risks\nB.\n## Risks!\nC.\n## risks\nD.\n",
			want: []want{
				{"doc#intro", "intro", "Test Document", "", nil, "Intro.", "Intro.", 4},
				{"doc#intro-2", "section", "Intro", "Intro", nil, "A.", "A.", 5},
				{"doc#risks", "section", "Risks", "Risks", nil, "B.", "B.", 7},
				{"doc#risks-2", "section", "Risks!", "Risks!", nil, "C.", "C.", 9},
				{"doc#risks-3", "section", "risks", "risks", nil, "D.", "D.", 11},
			},
		},
		{
			name: "table kept as markdown, plain as cells; h4 stays in the passage",
			src:  fm + "## Table\n| A | B |\n|---|---|\n| x & y | **z** |\n\n#### Note\nSmall.\n",
			want: []want{
				{"doc#table", "section", "Table", "Table", nil, "| A | B |\n|---|---|\n| x & y | **z** |\n\n#### Note\nSmall.", "A; B\nx & y; z\nNote\nSmall.", 4},
			},
		},
		{
			name: "CRLF line endings, byte order mark and setext heading",
			src:  "\uFEFF---\r\ntitle: Test Document\r\n---\r\nSetext\r\n------\r\nBody\r\nline two.\r\n",
			want: []want{
				{"doc#setext", "section", "Setext", "Setext", nil, "Body\nline two.", "Body line two.", 4},
			},
		},
		{
			name: "code block, quote, rule and html comment",
			src:  fm + "## Mixed\n> quoted *text*\n\n```\ncode line\n```\n<!-- note -->\n\n---\n",
			want: []want{
				{"doc#mixed", "section", "Mixed", "Mixed", nil, "> quoted *text*\n\n```\ncode line\n```\n<!-- note -->\n\n---", "quoted text\ncode line", 4},
			},
		},
		{
			name: "escapes and entities in plain text",
			src:  fm + "## Esc\n\\*not emphasis\\* &amp; caf&eacute; <b>x</b>\n",
			want: []want{
				{"doc#esc", "section", "Esc", "Esc", nil, "\\*not emphasis\\* &amp; caf&eacute; <b>x</b>", "*not emphasis* & café x", 4},
			},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			doc, err := content.Parse("content/doc.md", []byte(tt.src))
			if err != nil {
				t.Fatalf("Parse: %v", err)
			}
			var got []want
			for _, p := range doc.Passages {
				got = append(got, want{p.ID, string(p.Kind), p.Title, p.Section, p.Alternates, p.Text, p.Plain, p.Line})
			}
			if len(got) != len(tt.want) {
				t.Fatalf("Parse gave %d passages %+v; want %d", len(got), got, len(tt.want))
			}
			for i := range got {
				g, w := got[i], tt.want[i]
				if g.id != w.id || g.kind != w.kind || g.title != w.title || g.section != w.section || g.line != w.line {
					t.Errorf("passage %d = (%s %s %q %q line %d); want (%s %s %q %q line %d)", i, g.id, g.kind, g.title, g.section, g.line, w.id, w.kind, w.title, w.section, w.line)
				}
				if !slices.Equal(g.alternates, w.alternates) {
					t.Errorf("passage %d alternates = %q; want %q", i, g.alternates, w.alternates)
				}
				if g.text != w.text {
					t.Errorf("passage %d Text = %q; want %q", i, g.text, w.text)
				}
				if g.plain != w.plain {
					t.Errorf("passage %d Plain = %q; want %q", i, g.plain, w.plain)
				}
			}
		})
	}
}

func TestParseFrontMatter(t *testing.T) {
	src := "---\ntitle: \"T: with colon\"\nsummary: S.\nreviewed: 2025-01-15\nreview-every: 2 years\ndisclaimer: Custom.\nreferences:\n  - title: R\n    url: https://example.org/r\n---\n## A\nB.\n"
	doc, err := content.Parse("x/dir/my-doc.md", []byte(src))
	if err != nil {
		t.Fatalf("Parse: %v", err)
	}
	if doc.ID != "my-doc" || doc.Path != "x/dir/my-doc.md" || doc.Title != "T: with colon" || doc.Summary != "S." || doc.Disclaimer != "Custom." {
		t.Errorf("Parse = %+v", doc)
	}
	if got := doc.Reviewed.Format("2006-01-02"); got != "2025-01-15" {
		t.Errorf("Reviewed = %s; want 2025-01-15", got)
	}
	if doc.ReviewEvery != (faq.Period{Years: 2}) {
		t.Errorf("ReviewEvery = %v; want 2 years", doc.ReviewEvery)
	}
	if want := []faq.Reference{{Title: "R", URL: "https://example.org/r"}}; !slices.Equal(doc.References, want) {
		t.Errorf("References = %v; want %v", doc.References, want)
	}
}

func TestParseErrors(t *testing.T) {
	big := fm + "## Big\n" + strings.Repeat("All work and no play makes a long file.\n", 5<<20/40)
	tests := []struct {
		name string
		src  string
		line int    // 0: no line
		want string // in the message
	}{
		{"empty file", "", 0, "empty"},
		{"only blank lines", "\n \n\t\n", 0, "empty"},
		{"missing front matter", "## A\nText.\n", 1, "missing front matter"},
		{"front matter not closed", "---\ntitle: A\n## A\nText.\n", 1, "not closed"},
		{"broken front matter", "---\ntitle: A\nsummary: [unclosed\n---\n## A\nText.\n", 3, "front matter"},
		{"front matter tab indent", "---\ntitle: A\n\tsummary: x\n---\n## A\nText.\n", 3, "front matter"},
		{"front matter is not fields", "---\njust words\n---\n## A\nText.\n", 2, "expected fields"},
		{"unknown front-matter field", "---\ntitle: A\ntitel: B\n---\n## A\nText.\n", 3, `unknown field "titel"`},
		{"duplicate front-matter field", "---\ntitle: A\ntitle: B\n---\n## A\nText.\n", 3, `"title" already defined`},
		{"missing title", "---\nsummary: S\n---\n## A\nText.\n", 1, "no title"},
		{"title is a list", "---\ntitle: [a, b]\n---\n## A\nText.\n", 2, "expected text"},
		{"bad reviewed date", "---\ntitle: A\nreviewed: 15/01/2025\n---\n## A\nText.\n", 3, "not a date"},
		{"bad review-every", "---\ntitle: A\nreviewed: 2025-01-15\nreview-every: 6 moons\n---\n## A\nText.\n", 4, "review-every: \"6 moons\" is not a period"},
		{"review-every without a unit", "---\ntitle: A\n\nreview-every: 6\n---\n## A\nText.\n", 4, "review-every"},
		{"reference without url", "---\ntitle: A\nreferences:\n  - title: NIMH\n---\n## A\nText.\n", 4, "has no url"},
		{"reference without title", "---\ntitle: A\nreferences:\n  - url: https://x.example\n---\n## A\nText.\n", 4, "has no title"},
		{"reference url not http", "---\ntitle: A\nreferences:\n  - title: X\n    url: ftp://x.example\n---\n## A\nText.\n", 5, "not a web address"},
		{"unknown reference field", "---\ntitle: A\nreferences:\n  - title: X\n    link: https://x.example\n---\n## A\nText.\n", 5, `unknown reference field "link"`},
		{"references not a list", "---\ntitle: A\nreferences: https://x.example\n---\n## A\nText.\n", 3, "must be a list"},
		{"no headings and no text", fm + "\n\n", 4, "no content"},
		{"invalid UTF-8", fm + "## A\nText \xff here.\n", 5, "UTF-8"},
		{"5 MB file", big, 0, "limit"},
		{"h1 in body", fm + "## A\nText.\n# Title again\n", 6, "# heading is not allowed"},
		{"setext h1 in body", fm + "## A\nText.\n\nTitle\n=====\n", 7, "# heading is not allowed"},
		{"duplicate FAQ question", fm + "## FAQ\n### Can I?\nYes.\n### can  I?\nNo.\n", 7, "already asked on line 5"},
		{"FAQ question without answer", fm + "## FAQ\n### Can I?\n### Other?\nYes.\n", 5, "has no answer"},
		{"sub-section without text", fm + "## A\nText.\n### Empty\n", 6, "has no text"},
		{"### before any ##", fm + "Intro.\n### Lost\nText.\n", 5, "before any ## heading"},
		{"empty heading", fm + "## A\nText.\n##\nMore.\n", 6, "empty heading"},
		{"also asked without list", fm + "## A\nAlso asked:\n\nText.\n", 5, "followed directly by a list"},
		{"also asked without list markers", fm + "## A\nAlso asked:\nCan I?\n\nText.\n", 5, "followed directly by a list"},
		{"also asked list without blank line after", fm + "## A\nAlso asked:\n- Can I?\nText right after.\n", 7, "leave a blank line after the list"},
		{"also asked not under heading", fm + "## A\nText.\n\nAlso asked:\n- x?\n", 7, "directly under a ## or ### heading"},
		{"also asked under empty ##", fm + "## A\nAlso asked:\n- x?\n### B\nText.\n", 4, "no text of its own"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			const path = "content/bad.md"
			_, err := content.Parse(path, []byte(tt.src))
			if err == nil {
				t.Fatalf("Parse(%q) = nil error; want one containing %q", tt.name, tt.want)
			}
			var ce *content.Error
			if !errors.As(err, &ce) {
				t.Fatalf("Parse error %v (%T) is not a *content.Error", err, err)
			}
			if ce.Path != path || ce.Line != tt.line {
				t.Errorf("error at %s:%d; want %s:%d (%v)", ce.Path, ce.Line, path, tt.line, err)
			}
			if !strings.Contains(err.Error(), tt.want) || !strings.HasPrefix(err.Error(), path+":") {
				t.Errorf("Parse error = %q; want it to start with %q and contain %q", err, path+":", tt.want)
			}
		})
	}
}

// TestParseReportsAllProblems checks that several problems in one file are all reported.
func TestParseReportsAllProblems(t *testing.T) {
	src := "---\ntitle: A\ntitel: B\nreferences:\n  - title: X\n---\n# H1\n## FAQ\n### Q?\nA.\n### Q?\nB.\n"
	_, err := content.Parse("c/x.md", []byte(src))
	got := errorLocations(err)
	want := []string{"c/x.md:3", "c/x.md:5", "c/x.md:7", "c/x.md:11"}
	if !slices.Equal(got, want) {
		t.Errorf("Parse reported %q; want %q (error: %v)", got, want, err)
	}
}

// errorLocations lists "path:line" of every *content.Error inside err, in order.
func errorLocations(err error) []string {
	var out []string
	var walk func(error)
	walk = func(err error) {
		switch e := err.(type) {
		case *content.Error:
			out = append(out, fmt.Sprintf("%s:%d", e.Path, e.Line))
		case interface{ Unwrap() []error }:
			for _, e := range e.Unwrap() {
				walk(e)
			}
		}
	}
	walk(err)
	return out
}
