package content_test

import (
	"bytes"
	"fmt"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/faqbot/faqbot/internal/content"
	"github.com/faqbot/faqbot/internal/faq"
)

// roundTrip renders doc, parses the result as path and returns it.
func roundTrip(t *testing.T, path string, doc faq.Document) faq.Document {
	t.Helper()
	data, err := content.Render(doc)
	if err != nil {
		t.Fatalf("Render: %v", err)
	}
	got, err := content.Parse(path, data)
	if err != nil {
		t.Fatalf("Parse of the rendered document:\n%s\nerror: %v", data, err)
	}
	return got
}

// sameDocument reports how got differs from want: everything Parse reads, but for
// passage lines (the layout may differ) and Path.
func sameDocument(t *testing.T, got, want faq.Document) {
	t.Helper()
	if got.ID != want.ID || got.Title != want.Title || got.Summary != want.Summary || got.Disclaimer != want.Disclaimer ||
		!got.Reviewed.Equal(want.Reviewed) || got.ReviewEvery != want.ReviewEvery || !slices.Equal(got.References, want.References) {
		t.Errorf("front matter = %q %q %q %q %v %v %v;\nwant %q %q %q %q %v %v %v",
			got.ID, got.Title, got.Summary, got.Disclaimer, got.Reviewed, got.ReviewEvery, got.References,
			want.ID, want.Title, want.Summary, want.Disclaimer, want.Reviewed, want.ReviewEvery, want.References)
	}
	if len(got.Passages) != len(want.Passages) {
		t.Fatalf("%d passages; want %d", len(got.Passages), len(want.Passages))
	}
	for i, g := range got.Passages {
		w := want.Passages[i]
		g.Line, w.Line = 0, 0
		if g.ID != w.ID || g.DocumentID != w.DocumentID || g.Kind != w.Kind || g.Title != w.Title || g.Section != w.Section ||
			!slices.Equal(g.Alternates, w.Alternates) || g.Text != w.Text || g.Plain != w.Plain {
			t.Errorf("passage %d =\n%#v\nwant\n%#v", i, g, w)
		}
	}
}

// TestRenderSeed renders the shipped seed article and parses it back: the same
// document and passages, and rendering that again gives the same bytes.
func TestRenderSeed(t *testing.T) {
	seed := parseSeed(t)
	again := roundTrip(t, seed.Path, seed)
	sameDocument(t, again, seed)
	first, _ := content.Render(seed)
	second, _ := content.Render(again)
	if !bytes.Equal(first, second) {
		t.Errorf("rendering the parsed rendering differs:\n%s\nfirst:\n%s", second, first)
	}
}

// TestRenderRoundTrip renders documents of every passage kind whose titles, section
// names and alternates hold Markdown characters, and parses them back as written.
func TestRenderRoundTrip(t *testing.T) {
	reviewed := time.Date(2025, 1, 15, 0, 0, 0, 0, time.UTC)
	// p is a passage of doc.md; Render ignores ID and Plain, which Parse sets.
	p := func(id string, kind faq.PassageKind, title, section string, alternates []string, text, plain string) faq.Passage {
		return faq.Passage{ID: "doc#" + id, DocumentID: "doc", Kind: kind, Title: title, Section: section,
			Alternates: alternates, Text: text, Plain: plain}
	}
	tests := []struct {
		name string
		doc  faq.Document
	}{
		{"article", faq.Document{
			Title: "Ketamine: a guide", Summary: "What it is.\nAnd is not.", Reviewed: reviewed, Disclaimer: "Ask: your doctor.",
			ReviewEvery: faq.Period{Months: 6},
			References:  []faq.Reference{{Title: "NIMH #1", URL: "https://www.nimh.nih.gov/a?b=c&d=e#f"}, {Title: "'quoted'", URL: "http://x.example"}},
			Passages: []faq.Passage{
				p("intro", faq.KindIntro, "Ketamine: a guide", "", []string{"What is *it*?"}, "An **intro**.", "An intro."),
				p("risks--benefits", faq.KindSection, "Risks & benefits", "Risks & benefits", nil, "Some *text*.\n\n- a\n- b", "Some text.\na\nb"),
				p("details-2-", faq.KindSection, "Details #2 #", "Risks & benefits", []string{"- details?", "1. first?"}, "More.", "More."),
				p("other", faq.KindSection, "Other", "Heading only [x](y)", nil, "Under a ## heading with no text.", "Under a ## heading with no text."),
				p("other-2", faq.KindSection, "Other", "Heading only [x](y)", nil, "Same title, so a numbered ID.", "Same title, so a numbered ID."),
				p("can-i-drink-beer", faq.KindFAQ, "Can I drink *beer*?", "FAQs", []string{"Is `wine` ok?", "Also asked:"}, "No.", "No."),
				p("bhtmlb--c-", faq.KindFAQ, "<b>HTML</b> & C# ##", "FAQs", nil, "| a | b |\n|---|---|\n| 1 | 2 |", "a; b\n1; 2"),
				p("after-the-faq", faq.KindSection, "After the FAQ", "After the FAQ", nil, "Text.", "Text."),
			},
		}},
		{"faq only", faq.Document{
			Title: "null", Summary: "2025-01-15",
			Passages: []faq.Passage{
				p("q", faq.KindFAQ, "Q?", content.FAQHeading, []string{"Q!"},
					content.Markdown([]content.Block{{Text: "Also asked:"}, {Items: []string{"not a list of questions"}}}),
					"Also\u00a0asked:\nnot a list of questions"),
				p("q-2", faq.KindFAQ, "Q??", content.FAQHeading, nil, "Another question: the same anchor.", "Another question: the same anchor."),
			},
		}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			want := tt.doc
			want.ID = "doc"
			sameDocument(t, roundTrip(t, "dir/doc.md", tt.doc), want)
		})
	}
}

// TestRenderIDs checks the passage IDs of the rendered article: numbered where
// headings repeat, including the ## heading written for sub-sections.
func TestRenderIDs(t *testing.T) {
	doc := faq.Document{Title: "T", Passages: []faq.Passage{
		{Kind: faq.KindIntro, Text: "Intro."},
		{Kind: faq.KindSection, Title: "A", Section: "Group", Text: "x"},
		{Kind: faq.KindSection, Title: "Group", Section: "Group", Text: "a second ## Group"},
		{Kind: faq.KindSection, Title: "A", Section: "Group", Text: "y"},
		{Kind: faq.KindFAQ, Title: "A", Text: "z"},
	}}
	var got []string
	for _, p := range roundTrip(t, "doc.md", doc).Passages {
		got = append(got, p.ID)
		if p.Kind == faq.KindFAQ && p.Section != content.FAQHeading {
			t.Errorf("question %q is under %q; want %q, the default", p.Title, p.Section, content.FAQHeading)
		}
	}
	want := []string{"doc#intro", "doc#a", "doc#group-2", "doc#a-2", "doc#a-3"}
	if !slices.Equal(got, want) {
		t.Errorf("IDs %q; want %q", got, want)
	}
}

func TestRenderErrors(t *testing.T) {
	ok := faq.Passage{Kind: faq.KindFAQ, Title: "Q?", Text: "A."}
	tests := []struct {
		name string
		doc  faq.Document
		want string
	}{
		{"no title", faq.Document{Title: " ", Passages: []faq.Passage{ok}}, "no title"},
		{"no passages", faq.Document{Title: "T"}, "no passages"},
		{"reference without url", faq.Document{Title: "T", References: []faq.Reference{{Title: "R"}}, Passages: []faq.Passage{ok}}, "has no url"},
		{"reference not http", faq.Document{Title: "T", References: []faq.Reference{{Title: "R", URL: "ftp://x"}}, Passages: []faq.Passage{ok}}, "not a web address"},
		{"passage without text", faq.Document{Title: "T", Passages: []faq.Passage{{Kind: faq.KindFAQ, Title: "Q?", Text: "\n"}}}, "has no text"},
		{"passage without title", faq.Document{Title: "T", Passages: []faq.Passage{{Kind: faq.KindSection, Text: "x"}}}, "has no title"},
		{"intro not first", faq.Document{Title: "T", Passages: []faq.Passage{ok, {Kind: faq.KindIntro, Text: "x"}}}, "must be the first"},
		{"question outside an FAQ heading", faq.Document{Title: "T", Passages: []faq.Passage{{Kind: faq.KindFAQ, Title: "Q?", Section: "Risks", Text: "A."}}}, "not an FAQ heading"},
		{"sub-section under an FAQ heading", faq.Document{Title: "T", Passages: []faq.Passage{{Kind: faq.KindSection, Title: "S", Section: "FAQ", Text: "A."}}}, "an FAQ heading"},
		{"question asked twice", faq.Document{Title: "T", Passages: []faq.Passage{ok, {Kind: faq.KindFAQ, Title: "q?", Text: "B."}}}, "asked twice"},
		{"unknown kind", faq.Document{Title: "T", Passages: []faq.Passage{{Kind: "note", Title: "N", Text: "x"}}}, "unknown kind"},
		{"invalid UTF-8", faq.Document{Title: "T", Passages: []faq.Passage{{Kind: faq.KindFAQ, Title: "Q\xff?", Text: "A."}}}, "UTF-8"},
		{"too large", faq.Document{Title: "T", Passages: []faq.Passage{{Kind: faq.KindFAQ, Title: "Q?", Text: strings.Repeat("x", content.MaxFileSize)}}}, "limit"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			data, err := content.Render(tt.doc)
			if err == nil || !strings.Contains(err.Error(), tt.want) || data != nil {
				t.Errorf("Render = %d bytes, error %v; want no bytes and an error containing %q", len(data), err, tt.want)
			}
		})
	}
}

// TestPassageSize checks that a file is its front matter, the FAQ heading and the
// passages' sizes.
func TestPassageSize(t *testing.T) {
	doc := faq.Document{Title: "T", Summary: "S."}
	sizes := 0
	for i := range 5 {
		p := faq.Passage{Kind: faq.KindFAQ, Title: fmt.Sprintf("Q *%d*?", i), Text: strings.Repeat("Answer. ", i+1)}
		if i%2 == 0 {
			p.Alternates = []string{"Other", "", "# way"}
		}
		doc.Passages = append(doc.Passages, p)
		sizes += content.PassageSize(p)
	}
	data, err := content.Render(doc)
	if err != nil {
		t.Fatal(err)
	}
	const head = "---\ntitle: T\nsummary: S.\n---\n\n## " + content.FAQHeading + "\n"
	if !strings.HasPrefix(string(data), head) || len(data) != len(head)+sizes {
		t.Errorf("Render wrote %d bytes:\n%s\nwant %q and passages of %d bytes", len(data), data, head, sizes)
	}
}
