package main

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// TestCheckCommand: check passes the shipped content, leaving nothing behind; a
// failing check and a content problem each print their file:line and exit non-zero;
// overdue and undated documents are listed without failing.
func TestCheckCommand(t *testing.T) {
	e := setup(t)
	tmpBefore, _ := filepath.Glob(filepath.Join(os.TempDir(), "faqbot-check-*"))
	out, _, err := runFaqbot(t, e, "", "check")
	if err != nil || !strings.Contains(out, "all 29 must-answer checks passed") {
		t.Fatalf("check of the shipped content = %q, %v; want all passed", out, err)
	}
	if _, err := os.Stat(e["INDEX_DIR"]); err == nil {
		t.Error("check made the index directory")
	}
	if tmpAfter, _ := filepath.Glob(filepath.Join(os.TempDir(), "faqbot-check-*")); len(tmpAfter) > len(tmpBefore) {
		t.Errorf("check left %v behind", tmpAfter)
	}

	checks := filepath.Join(e["CONTENT_DIR"], "checks.tsv")
	writeFile(t, checks, "# a moderator's checks\nhow long does ketamine take to work\tnot covered\n")
	writeFile(t, filepath.Join(e["CONTENT_DIR"], "old.md"), "---\ntitle: Old\nreviewed: 2020-02-01\n---\n\nOld text about honey.\n")
	writeFile(t, filepath.Join(e["CONTENT_DIR"], "undated.md"), "---\ntitle: Undated\n---\n\nText about bees.\n")
	out, _, err = runFaqbot(t, e, "", "check")
	for _, want := range []string{
		checks + `:2: "how long does ketamine take to work" should get no passage`,
		filepath.Join(e["CONTENT_DIR"], "old.md") + ": overdue for review since 2021-02-01 (reviewed 2020-02-01)",
		filepath.Join(e["CONTENT_DIR"], "undated.md") + ": no review date",
	} {
		if !strings.Contains(out, want) {
			t.Errorf("check output lacks %q:\n%s", want, out)
		}
	}
	if err == nil || !strings.Contains(err.Error(), "1 of 26 must-answer checks failed") {
		t.Errorf("check with a failing check: %v; want it to fail saying so", err)
	}

	writeFile(t, checks, "")
	out, _, err = runFaqbot(t, e, "", "check")
	if err != nil || !strings.Contains(out, "1 overdue for review, 1 without a review date") {
		t.Errorf("check with only review notes = %q, %v; want a pass listing them", out, err)
	}

	writeFile(t, filepath.Join(e["CONTENT_DIR"], "bad.md"), "---\ntitel: Bad\n---\n\nText.\n")
	out, _, err = runFaqbot(t, e, "", "check")
	if err == nil || !strings.Contains(out, filepath.Join(e["CONTENT_DIR"], "bad.md")+`:2: front matter: unknown field "titel"`) {
		t.Errorf("check with a broken file = %q, %v; want its file:line and a failure", out, err)
	}
}

// TestIndexForceAndRollback: an edit failing a check is refused by index, which
// lists it, and the old build answers; -force puts it in service with the failure
// listed; rollback goes back one build, then another, then says there is none.
func TestIndexForceAndRollback(t *testing.T) {
	e := setup(t)
	if _, _, err := runFaqbot(t, e, "", "index"); err != nil {
		t.Fatal(err)
	}
	writeFile(t, filepath.Join(e["CONTENT_DIR"], "checks.tsv"), "how long does ketamine take to work\tnot covered\n")
	_, _, err := runFaqbot(t, e, "", "index")
	if err == nil || !strings.Contains(err.Error(), "Reindex refused — 1 of 26 must-answer checks failed") ||
		!strings.Contains(err.Error(), "checks.tsv:1: ") {
		t.Fatalf("index with a failing check: %v; want it refused, the check listed", err)
	}
	out, _, err := runFaqbot(t, e, "", "index", "-force")
	if err != nil || !strings.Contains(out, "Forced: 1 of 26 checks failed") || !strings.Contains(out, "checks.tsv:1: ") {
		t.Fatalf("index -force = %q, %v; want it in service with the failure listed", out, err)
	}
	out, _, err = runFaqbot(t, e, "", "rollback")
	if err != nil || !strings.HasPrefix(out, "Rolled back to the build of ") || !strings.Contains(out, "(1 document, 16 passages)") {
		t.Fatalf("rollback = %q, %v; want the build rolled back to", out, err)
	}
	if _, _, err = runFaqbot(t, e, "", "rollback"); err == nil || !strings.Contains(err.Error(), "no earlier build") {
		t.Errorf("second rollback with two builds made: %v; want none earlier", err)
	}
	// The content rolled back from is held: ask answers from the build rolled back
	// to without building again.
	out, stderr, err := runFaqbot(t, e, "", "ask", "-json", "how long does ketamine take to work")
	if err != nil || !strings.Contains(out, `"kind":"answer"`) || !strings.Contains(stderr, "rolled back from") {
		t.Errorf("ask after the rollback = %q, %q, %v; want an answer and one warning", out, stderr, err)
	}
}

// TestAskWithBrokenContentDoesNotRebuild: once content failed to build, ask answers
// from the last good build with one warning, without building again, until the
// content changes.
func TestAskWithBrokenContentDoesNotRebuild(t *testing.T) {
	e := setup(t)
	if _, _, err := runFaqbot(t, e, "", "index"); err != nil {
		t.Fatal(err)
	}
	writeFile(t, filepath.Join(e["CONTENT_DIR"], "bad.md"), "no front matter\n")
	if _, _, err := runFaqbot(t, e, "", "ask", "ketamine"); err != nil {
		t.Fatal(err) // builds, fails, answers from the good build
	}
	builds, _ := filepath.Glob(filepath.Join(e["INDEX_DIR"], "build-*"))
	for range 2 {
		out, stderr, err := runFaqbot(t, e, "", "ask", "-json", "how long does ketamine take to work")
		if err != nil || !strings.Contains(out, `"kind":"answer"`) || strings.Count(stderr, "level=WARN") != 1 ||
			!strings.Contains(stderr, "the content failed to build") {
			t.Errorf("ask with broken content = %q, %q, %v; want an answer and one warning", out, stderr, err)
		}
	}
	if again, _ := filepath.Glob(filepath.Join(e["INDEX_DIR"], "build-*")); len(again) != len(builds) {
		t.Errorf("builds %v became %v; want no build tried", builds, again)
	}
	if _, _, err := runFaqbot(t, e, "", "index"); err == nil || !strings.Contains(err.Error(), "bad.md") {
		t.Errorf("index with the content held: %v; want it tried and refused", err)
	}
}

func writeFile(t *testing.T, path, s string) {
	t.Helper()
	if err := os.WriteFile(path, []byte(s), 0o644); err != nil {
		t.Fatal(err)
	}
}

// TestAskAfterAnEditFailingACheck: the rebuild ask makes at start when the content
// changed goes through the checks; refused, the previous build answers, and the
// next ask does not try again.
func TestAskAfterAnEditFailingACheck(t *testing.T) {
	e := setup(t)
	if _, _, err := runFaqbot(t, e, "", "index"); err != nil {
		t.Fatal(err)
	}
	writeFile(t, filepath.Join(e["CONTENT_DIR"], "checks.tsv"), "how long does ketamine take to work\tcrisis\n")
	out, stderr, err := runFaqbot(t, e, "", "ask", "-json", "how long does ketamine take to work")
	if err != nil || !strings.Contains(out, `"kind":"answer"`) || !strings.Contains(stderr, "1 of 26 must-answer checks failed") {
		t.Fatalf("ask after an edit failing a check = %q, %q, %v; want the previous build's answer and the failure logged", out, stderr, err)
	}
	_, stderr, err = runFaqbot(t, e, "", "ask", "-json", "how long does ketamine take to work")
	if err != nil || strings.Contains(stderr, "must-answer checks failed") || !strings.Contains(stderr, "the content failed to build or its checks failed") {
		t.Errorf("second ask = %q, %v; want one warning, and no build tried", stderr, err)
	}
}
