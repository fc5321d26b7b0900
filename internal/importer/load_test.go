package importer

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/faqbot/faqbot/internal/content"
	"github.com/faqbot/faqbot/internal/faq"
)

// TestImportLoads imports the CSV and the JSON Lines test files into one content
// directory and loads it the way the bot does.
func TestImportLoads(t *testing.T) {
	out := t.TempDir()
	entries := 0
	for _, from := range []string{"faq.csv", "faq.jsonl"} {
		rep, err := Import(context.Background(), Options{From: filepath.Join("testdata", from), Out: out})
		if err != nil {
			t.Fatalf("Import(%s): %v", from, err)
		}
		entries += rep.Entries
	}
	lib, err := content.Load(out)
	if err != nil {
		t.Fatalf("content.Load of the imported files: %v", err)
	}
	if len(lib.Documents) != 7 || lib.Passages() != entries || entries != 9 {
		t.Errorf("loaded %d documents, %d passages; want 7 documents and %d passages (one per entry, 9)",
			len(lib.Documents), lib.Passages(), entries)
	}
	passages := map[string]faq.Passage{}
	docs := map[string]faq.Document{}
	for _, d := range lib.Documents {
		for _, p := range d.Passages {
			if p.Kind != faq.KindFAQ {
				t.Errorf("passage %s is of kind %s; want %s", p.ID, p.Kind, faq.KindFAQ)
			}
			passages[p.Title] = p
			docs[p.Title] = d
		}
	}
	tests := []struct {
		question   string
		id         string
		alternates []string
		plain      string
		refs       []faq.Reference
	}{
		{"How do I reset my password?", "account#how-do-i-reset-my-password", []string{"Forgot my password", "Can't log in"},
			"Open Settings, then Account, then choose \"Reset password\".\nWe email you a link that works for 24 hours.\n" +
				"A second answer to the same question: appended to the first as a further paragraph.",
			[]faq.Reference{{Title: "Account (help.example.com)", URL: "https://help.example.com/account"}}},
		{"What does the *Pro* plan include?", "billing-help-example-com#what-does-the-pro-plan-include", nil,
			"Everything in Free, plus:\nunlimited <b>projects</b>\npriority support\n# of seats: up to 10\n1. Not a numbered list.\n> not a quote",
			[]faq.Reference{{Title: "Billing (help.example.com)", URL: "https://help.example.com/billing"}}},
		{"Can I pay by invoice?", "billing#can-i-pay-by-invoice", nil,
			"Yes - for yearly plans. Ask [sales](https://example.com) & we'll send a quote; 5 < 6 and C# is fine.", nil},
		{"Do you offer student discounts?", "pricing#do-you-offer-student-discounts", []string{"Student price", "Discount for students"},
			"Yes: 50% off with a valid student email.",
			[]faq.Reference{{Title: "Pricing (example.org)", URL: "https://example.org/pricing"}}},
	}
	for _, tt := range tests {
		p, ok := passages[tt.question]
		if !ok {
			t.Errorf("no passage titled %q", tt.question)
			continue
		}
		if p.ID != tt.id || !slices.Equal(p.Alternates, tt.alternates) || p.Plain != tt.plain {
			t.Errorf("passage %q: ID %q, alternates %q, plain %q;\nwant %q, %q, %q", tt.question, p.ID, p.Alternates, p.Plain, tt.id, tt.alternates, tt.plain)
		}
		if d := docs[tt.question]; !slices.Equal(d.References, tt.refs) {
			t.Errorf("references of %s = %v; want %v", d.ID, d.References, tt.refs)
		}
	}
}

// TestImportBesideContent imports into a content directory that already has
// documents: the imported ones must not take their titles or file names, and a
// second import of the same file replaces the first one's files.
func TestImportBesideContent(t *testing.T) {
	root := t.TempDir()
	writeDoc(t, filepath.Join(root, "billing.md"), "Payments", "Cards", "We take cards.")
	writeDoc(t, filepath.Join(root, "sub", "account.md"), "account", "Sign-in", "Use your email.")
	writeDoc(t, filepath.Join(root, "sub", "privacy.md"), "Data protection", "Data", "In the EU.")
	from := filepath.Join("testdata", "faq.csv")
	ctx := context.Background()

	rep, err := Import(ctx, Options{From: from, Out: root})
	if err != nil {
		t.Fatalf("Import beside existing content: %v", err)
	}
	want := []string{"account-2.md", "billing-help-example-com.md", "billing-2.md", "privacy-2.md"}
	var got []string
	for _, f := range rep.Files {
		got = append(got, filepath.Base(f))
	}
	if !slices.Equal(got, want) {
		t.Errorf("Import wrote %q; want %q", got, want)
	}
	lib, err := content.Load(root)
	if err != nil {
		t.Fatalf("content.Load after importing beside existing content: %v", err)
	}
	if len(lib.Documents) != 3+4 {
		t.Errorf("loaded %d documents; want 7", len(lib.Documents))
	}
	var titles []string
	for _, d := range lib.Documents {
		titles = append(titles, d.Title)
	}
	if !slices.Contains(titles, "Account (2)") || !slices.Contains(titles, "account") {
		t.Errorf("titles %q; want the existing \"account\" and the imported \"Account (2)\"", titles)
	}

	rep, err = Import(ctx, Options{From: from, Out: root, Force: true})
	if err != nil {
		t.Fatalf("second Import with Force: %v", err)
	}
	if len(rep.Replaced) != 4 || !slices.Equal(rep.Files, rep.Replaced) {
		t.Errorf("second Import wrote %q, replaced %q; want the same 4 files replaced", rep.Files, rep.Replaced)
	}
	if _, err := content.Load(root); err != nil {
		t.Errorf("content.Load after the second import: %v", err)
	}
}

// TestImportSplits imports more answers of one topic than a content file holds: they
// are split into parts, each within the limit, that load.
func TestImportSplits(t *testing.T) {
	var b strings.Builder
	b.WriteString("question,answer,topic\n")
	answer := strings.Repeat("A *long* answer. ", 60) // about 1 kB with escapes
	const rows = 1500
	for i := range rows {
		fmt.Fprintf(&b, "Question %d?,%s,Big\n", i, answer)
	}
	rep, out, err := importString(t, "big.csv", b.String())
	if err != nil {
		t.Fatal(err)
	}
	lib, err := content.Load(out)
	if err != nil {
		t.Fatalf("content.Load of the parts: %v", err)
	}
	var titles []string
	for _, d := range lib.Documents {
		titles = append(titles, d.Title)
		if info, err := os.Stat(d.Path); err != nil || info.Size() > content.MaxFileSize {
			t.Errorf("%s: %v bytes (error %v); the limit is %d", d.Path, info.Size(), err, content.MaxFileSize)
		}
	}
	if want := []string{"Big (part 1)", "Big (part 2)"}; rep.Documents != 2 || !slices.Equal(titles, want) || lib.Passages() != rows {
		t.Errorf("imported %d documents titled %q with %d passages; want %q with %d", rep.Documents, titles, lib.Passages(), want, rows)
	}
}

// writeDoc writes a content file titled title with one ## section.
func writeDoc(t *testing.T, path, title, section, text string) {
	t.Helper()
	data, err := content.Render(faq.Document{Title: title,
		Passages: []faq.Passage{{Kind: faq.KindSection, Title: section, Section: section, Text: text}}})
	if err != nil {
		t.Fatal(err)
	}
	if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(path, data, 0o644); err != nil {
		t.Fatal(err)
	}
}
