package content_test

import (
	"errors"
	"fmt"
	"slices"
	"strings"
	"testing"

	"github.com/faqbot/faqbot/internal/content"
)

// passageIDs parses src (after a front matter with a title) as doc.md and returns
// the fragments of its passage IDs (after "doc#").
func passageIDs(t *testing.T, body string) []string {
	t.Helper()
	doc, err := content.Parse("doc.md", []byte(fm+body))
	if err != nil {
		t.Fatalf("Parse: %v", err)
	}
	var ids []string
	for _, p := range doc.Passages {
		ids = append(ids, strings.TrimPrefix(p.ID, "doc#"))
	}
	return ids
}

func TestPassageIDs(t *testing.T) {
	tests := []struct {
		name     string
		headings []string // each a ## heading with a line of text under it
		want     []string
	}{
		{"distinct", []string{"Risks", "Benefits"}, []string{"risks", "benefits"}},
		{"repeats are numbered from 2", []string{"Details", "Details", "details", "Details!"},
			[]string{"details", "details-2", "details-3", "details-4"}},
		{"a heading whose own slug is taken by a number", []string{"Details", "Details", "Details 2", "Details"},
			[]string{"details", "details-2", "details-2-2", "details-3"}},
		{"a number taken before it is reached", []string{"Details 3", "Details", "Details", "Details", "Details"},
			[]string{"details-3", "details", "details-2", "details-4", "details-5"}},
		{"the intro's name is taken", []string{"Intro", "Intro"}, []string{"intro-2", "intro-3"}},
		{"no letters", []string{"!!", "?", "Section"}, []string{"section", "section-2", "section-3"}},
		{"punctuation dropped, spaces kept", []string{"Q & A: dos/don'ts", "Ménière's – vertigo"},
			[]string{"q--a-dosdonts", "ménières--vertigo"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var b strings.Builder
			for _, h := range tt.headings {
				fmt.Fprintf(&b, "## %s\nText.\n\n", h)
			}
			if got := passageIDs(t, b.String()); !slices.Equal(got, tt.want) {
				t.Errorf("headings %q give IDs %q; want %q", tt.headings, got, tt.want)
			}
		})
	}
}

// TestManyRepeatedHeadings checks the IDs of 10,000 identical headings, and that
// 10,000 repeats of one FAQ question are all reported.
func TestManyRepeatedHeadings(t *testing.T) {
	const n = 10000
	ids := passageIDs(t, repeated("## Details\nText.\n\n", n))
	if len(ids) != n || ids[0] != "details" || ids[1] != "details-2" || ids[n-1] != fmt.Sprintf("details-%d", n) {
		t.Errorf("got %d IDs, %q ... %q; want %d from details, details-2 to details-%d", len(ids), ids[:2], ids[len(ids)-1], n, n)
	}
	_, err := content.Parse("doc.md", []byte(fm+"## FAQ\n"+repeated("### Can I?\nYes.\n\n", n)))
	if got := len(errorLocations(err)); got != n-1 {
		t.Errorf("%d repeats of a question: %d errors; want %d", n, got, n-1)
	}
	var ce *content.Error
	if !errors.As(err, &ce) || ce.Line != 8 || !strings.Contains(ce.Error(), "already asked on line 5") {
		t.Errorf("first error = %v; want line 8, already asked on line 5", ce)
	}
}

func repeated(s string, n int) string { return strings.Repeat(s, n) }

// BenchmarkParseHeadings parses files of 10,000 ## sections: with identical
// headings (numbered IDs), distinct ones, and 10,000 repeats of one FAQ question
// (refused). Identical headings should cost about as much as distinct ones:
//
//	go test ./internal/content -run '^$' -bench ParseHeadings
func BenchmarkParseHeadings(b *testing.B) {
	const n = 10000
	var distinct strings.Builder
	for i := range n {
		fmt.Fprintf(&distinct, "## Details %d\nText.\n\n", i)
	}
	files := []struct {
		name string
		src  string
		ok   bool
	}{
		{"identical", fm + repeated("## Details\nText.\n\n", n), true},
		{"distinct", fm + distinct.String(), true},
		{"duplicate-questions", fm + "## FAQ\n" + repeated("### Can I?\nYes.\n\n", n), false},
	}
	for _, f := range files {
		b.Run(f.name, func(b *testing.B) {
			for b.Loop() {
				if _, err := content.Parse("doc.md", []byte(f.src)); (err == nil) != f.ok {
					b.Fatalf("Parse error = %v", err)
				}
			}
		})
	}
}
