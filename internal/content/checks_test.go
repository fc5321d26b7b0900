package content_test

import (
	"errors"
	"slices"
	"strings"
	"testing"

	"github.com/faqbot/faqbot/internal/content"
	"github.com/faqbot/faqbot/internal/faq"
)

// TestParseChecks reads a checks file of every kind of expectation, with comments,
// blank lines, a byte-order mark and Windows line endings.
func TestParseChecks(t *testing.T) {
	src := "\uFEFF# question<TAB>what it must get\r\n" +
		"How long does   ketamine take?\tketamine#how-long\r\n" +
		"\n" +
		"how do I bake bread\tNot Covered\n" +
		"I want to end my life\tcrisis\n" +
		"  # an indented comment\n" +
		"my son drank bleach\t EMERGENCY \n"
	got, err := content.ParseChecks("content/checks.tsv", []byte(src))
	if err != nil {
		t.Fatal(err)
	}
	want := []faq.Check{
		{Question: "How long does ketamine take?", Expect: "ketamine#how-long", Path: "content/checks.tsv", Line: 2},
		{Question: "how do I bake bread", Expect: faq.ExpectNotCovered, Path: "content/checks.tsv", Line: 4},
		{Question: "I want to end my life", Expect: faq.ExpectCrisis, Path: "content/checks.tsv", Line: 5},
		{Question: "my son drank bleach", Expect: faq.ExpectEmergency, Path: "content/checks.tsv", Line: 7},
	}
	if !slices.Equal(got, want) {
		t.Errorf("ParseChecks =\n%v\nwant\n%v", got, want)
	}
}

// TestParseChecksErrors reports every bad line of a checks file with its line.
func TestParseChecksErrors(t *testing.T) {
	src := "fine?\tdoc#fine\n" +
		"no tab here doc#x\n" +
		"\tdoc#x\n" +
		"two\ttabs\there\n" +
		"nothing after\t \n" +
		"not an id\tcovered\n"
	_, err := content.ParseChecks("checks.tsv", []byte(src))
	var lines []int
	for _, e := range err.(interface{ Unwrap() []error }).Unwrap() {
		var ce *content.Error
		if !errors.As(e, &ce) {
			t.Fatalf("error %v is not a *content.Error", e)
		}
		lines = append(lines, ce.Line)
	}
	if want := []int{2, 3, 4, 5, 6}; !slices.Equal(lines, want) {
		t.Errorf("lines with problems = %v; want %v\n%v", lines, want, err)
	}
	for _, want := range []string{"checks.tsv:2: no tab", "checks.tsv:3: no question", "checks.tsv:4: 2 tabs",
		"checks.tsv:5: nothing after the tab", `checks.tsv:6: "covered" is neither a passage ID`} {
		if !strings.Contains(err.Error(), want) {
			t.Errorf("errors lack %q:\n%v", want, err)
		}
	}
}

// TestLoadReadsChecks: Load reads the top-level checks file only, its problems are
// content problems, and a change to it changes the fingerprint.
func TestLoadReadsChecks(t *testing.T) {
	dir := t.TempDir()
	writeFiles(t, dir, map[string]string{
		"alpha.md":       doc("Alpha"),
		"checks.tsv":     "What about alpha?\talpha#section\n",
		"sub/checks.tsv": "not read\tat all\tfor sure\n",
	})
	lib, fp, err := content.LoadFingerprint(dir)
	if err != nil {
		t.Fatal(err)
	}
	if len(lib.Checks) != 1 || lib.Checks[0].Expect != "alpha#section" || len(lib.Documents) != 1 {
		t.Fatalf("Load: %d checks, %d documents; want the one check and one document", len(lib.Checks), len(lib.Documents))
	}
	writeFiles(t, dir, map[string]string{"checks.tsv": "What about alpha?\n"})
	_, fp2, err := content.LoadFingerprint(dir)
	if !strings.Contains(fmtErr(err), "checks.tsv:1: no tab") {
		t.Errorf("Load with a bad checks file: %v; want its problem", err)
	}
	if fp2 == fp {
		t.Error("the fingerprint did not change with the checks file")
	}
}

func fmtErr(err error) string {
	if err == nil {
		return ""
	}
	return err.Error()
}
