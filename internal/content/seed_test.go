package content_test

import (
	"bytes"
	"encoding/json"
	"flag"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/faqbot/faqbot/internal/content"
	"github.com/faqbot/faqbot/internal/faq"
)

var update = flag.Bool("update", false, "rewrite golden files in testdata/")

// seedPath is the seed article as shipped in content/.
const seedPath = "../../content/ketamine-and-antidepressants.md"

// parseSeed parses the seed article, naming it as Load would from the repository root.
func parseSeed(t testing.TB) faq.Document {
	t.Helper()
	data, err := os.ReadFile(seedPath)
	if err != nil {
		t.Fatal(err)
	}
	doc, err := content.Parse("content/ketamine-and-antidepressants.md", data)
	if err != nil {
		t.Fatalf("Parse(seed): %v", err)
	}
	return doc
}

// goldenPassage is the golden-file form of a passage.
type goldenPassage struct {
	ID         string          `json:"id"`
	Kind       faq.PassageKind `json:"kind"`
	Title      string          `json:"title"`
	Section    string          `json:"section"`
	Alternates []string        `json:"alternates"`
	Text       string          `json:"text"`
	Plain      string          `json:"plain"`
	Line       int             `json:"line"`
}

// goldenDocument is the golden-file form of a document.
type goldenDocument struct {
	ID         string          `json:"id"`
	Title      string          `json:"title"`
	Summary    string          `json:"summary"`
	Reviewed   string          `json:"reviewed"`
	References []faq.Reference `json:"references"`
	Passages   []goldenPassage `json:"passages"`
}

func TestParseSeedGolden(t *testing.T) {
	doc := parseSeed(t)
	g := goldenDocument{ID: doc.ID, Title: doc.Title, Summary: doc.Summary, References: doc.References}
	if !doc.Reviewed.IsZero() {
		g.Reviewed = doc.Reviewed.Format("2006-01-02")
	}
	for _, p := range doc.Passages {
		if p.DocumentID != doc.ID {
			t.Errorf("passage %s: DocumentID = %q; want %q", p.ID, p.DocumentID, doc.ID)
		}
		g.Passages = append(g.Passages, goldenPassage{p.ID, p.Kind, p.Title, p.Section, p.Alternates, p.Text, p.Plain, p.Line})
	}
	got, err := json.MarshalIndent(g, "", "  ")
	if err != nil {
		t.Fatal(err)
	}
	got = append(got, '\n')
	golden := filepath.Join("testdata", "seed.golden.json")
	if *update {
		if err := os.WriteFile(golden, got, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	want, err := os.ReadFile(golden)
	if err != nil {
		t.Fatalf("%v (run go test -update to create it)", err)
	}
	if !bytes.Equal(got, want) {
		t.Errorf("Parse(seed) differs from %s; run go test ./internal/content/ -update and review the diff.\ngot:\n%s", golden, got)
	}
}

// TestSeedStructure checks the outline the seed article must have.
func TestSeedStructure(t *testing.T) {
	doc := parseSeed(t)
	want := []struct {
		kind           faq.PassageKind
		title, section string
	}{
		{faq.KindIntro, "Ketamine and Antidepressants", ""},
		{faq.KindSection, "Understanding Ketamine Therapy", "Understanding Ketamine Therapy"},
		{faq.KindSection, "How Antidepressants Work", "How Antidepressants Work"},
		{faq.KindSection, "Potential Interactions Between Ketamine and Antidepressants", "Potential Interactions Between Ketamine and Antidepressants"},
		{faq.KindSection, "Mechanisms of Interaction", "Potential Interactions Between Ketamine and Antidepressants"},
		{faq.KindSection, "Safety Considerations and Risks", "Potential Interactions Between Ketamine and Antidepressants"},
		{faq.KindSection, "Benefits of Combining Ketamine With Antidepressants", "Benefits of Combining Ketamine With Antidepressants"},
		{faq.KindSection, "Risks and Considerations", "Risks and Considerations"},
		{faq.KindSection, "Consulting With Your Healthcare Provider", "Consulting With Your Healthcare Provider"},
		{faq.KindSection, "Importance of Professional Guidance", "Consulting With Your Healthcare Provider"},
		{faq.KindSection, "Assessing Individual Health Factors", "Consulting With Your Healthcare Provider"},
		{faq.KindFAQ, "Can Ketamine Therapy Replace Traditional Antidepressant Medications?", "Frequently Asked Questions"},
		{faq.KindFAQ, "How Long Does It Take for Ketamine to Work?", "Frequently Asked Questions"},
		{faq.KindFAQ, "Are There Specific Antidepressants That Are Safer With Ketamine?", "Frequently Asked Questions"},
		{faq.KindFAQ, "Can I Drink Alcohol While Undergoing Ketamine Therapy?", "Frequently Asked Questions"},
		{faq.KindFAQ, "What Should I Expect During My First Ketamine Session?", "Frequently Asked Questions"},
	}
	if len(doc.Passages) != len(want) {
		t.Fatalf("seed has %d passages; want %d", len(doc.Passages), len(want))
	}
	for i, w := range want {
		p := doc.Passages[i]
		if p.Kind != w.kind || p.Title != w.title || p.Section != w.section {
			t.Errorf("passage %d = (%s, %q, %q); want (%s, %q, %q)", i, p.Kind, p.Title, p.Section, w.kind, w.title, w.section)
		}
		if p.Kind != faq.KindIntro && (len(p.Alternates) < 3 || len(p.Alternates) > 6) {
			t.Errorf("passage %q has %d alternates; want 3 to 6", p.Title, len(p.Alternates))
		}
		if strings.Contains(strings.ToLower(p.Text), "also asked") {
			t.Errorf("passage %q: Text still holds the Also asked block", p.Title)
		}
	}
	if doc.Reviewed.Format("2006-01-02") != "2026-11-25" || doc.Summary == "" {
		t.Errorf("front matter: reviewed %v, summary %q; want 2026-11-25 and a summary", doc.Reviewed, doc.Summary)
	}
}

// TestSeedVerbatim checks that every sentence of the original article appears, as
// written, in the Text of some passage, and that its reference URLs are the
// document's references.
func TestSeedVerbatim(t *testing.T) {
	doc := parseSeed(t)
	raw, err := os.ReadFile(filepath.Join("testdata", "ketamine-and-antidepressants.txt"))
	if err != nil {
		t.Fatal(err)
	}
	headings := map[string]bool{"Frequently Asked Questions": true}
	for _, p := range doc.Passages {
		if p.Kind != faq.KindIntro {
			headings[p.Title] = true
			headings[p.Section] = true
		}
	}

	var urls []string
	inReferences := false
	checked := 0
	for line := range strings.SplitSeq(string(raw), "\n") {
		line = strings.TrimSpace(line)
		switch {
		case line == "":
			continue
		case line == "References":
			inReferences = true
			continue
		case inReferences:
			urls = append(urls, strings.TrimPrefix(line, "- "))
			continue
		case headings[line]:
			continue
		}
		var units []string
		if strings.HasPrefix(line, "|") {
			units = []string{line} // a table row, kept as written
		} else {
			units = sentences(strings.TrimPrefix(line, "- "))
		}
		for _, s := range units {
			checked++
			if !inSomeText(doc.Passages, s) {
				t.Errorf("seed sentence not found verbatim in any passage: %q", s)
			}
		}
	}
	if checked < 90 {
		t.Errorf("checked only %d sentences; the seed has more: is the test reading it?", checked)
	}

	if len(urls) != 8 || len(doc.References) != len(urls) {
		t.Fatalf("seed has %d reference URLs, document has %d references; want 8 each", len(urls), len(doc.References))
	}
	for i, u := range urls {
		if doc.References[i].URL != u {
			t.Errorf("reference %d URL = %q; want %q", i+1, doc.References[i].URL, u)
		}
		if doc.References[i].Title == "" {
			t.Errorf("reference %d has no title", i+1)
		}
	}
}

// sentences splits text after '.', '?' or '!' followed by a space.
func sentences(text string) []string {
	var out []string
	start := 0
	for i := 0; i+1 < len(text); i++ {
		if strings.IndexByte(".?!", text[i]) >= 0 && text[i+1] == ' ' {
			out = append(out, strings.TrimSpace(text[start:i+1]))
			start = i + 1
		}
	}
	if s := strings.TrimSpace(text[start:]); s != "" {
		out = append(out, s)
	}
	return out
}

func inSomeText(passages []faq.Passage, s string) bool {
	for _, p := range passages {
		if strings.Contains(p.Text, s) {
			return true
		}
	}
	return false
}
