package main

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"os"
	"path/filepath"
	"reflect"
	"sort"
	"strings"
	"testing"
)

// env is a fake process environment.
type env map[string]string

func (e env) get(k string) string { return e[k] }

// setup copies the shipped content into a temp dir and returns an environment
// pointing faqbot at it.
func setup(t *testing.T) env {
	t.Helper()
	dir := t.TempDir()
	content := filepath.Join(dir, "content")
	if err := os.CopyFS(content, os.DirFS("../../content")); err != nil {
		t.Fatal(err)
	}
	return env{"CONTENT_DIR": content, "INDEX_DIR": filepath.Join(dir, "index"), "DATA_DIR": filepath.Join(dir, "data")}
}

func runFaqbot(t *testing.T, e env, stdin string, args ...string) (string, string, error) {
	t.Helper()
	var out, errOut bytes.Buffer
	err := run(context.Background(), args, e.get, strings.NewReader(stdin), &out, &errOut)
	return out.String(), errOut.String(), err
}

func TestAskJSONContract(t *testing.T) {
	e := setup(t)
	in := "Can I drink alcohol while on ketamine therapy?\n\nhow do I bake sourdough bread\nI want to end my life\n" +
		"can I take melatonin with ketamine\nmy son just drank bleach\n"
	out, stderr, err := runFaqbot(t, e, in, "ask", "-json")
	if err != nil {
		t.Fatalf("ask -json: %v\n%s", err, stderr)
	}
	lines := strings.Split(strings.TrimSpace(out), "\n")
	if len(lines) != 5 {
		t.Fatalf("got %d lines; want 5 (one per question, blank lines skipped):\n%s", len(lines), out)
	}
	wantKeys := []string{"alternatives", "disclaimer", "document", "id", "kind", "question", "references", "review_notice", "score", "text", "title"}
	wantKinds := []string{"answer", "no_answer", "crisis", "suggestions", "emergency"}
	for i, line := range lines {
		var m map[string]any
		if err := json.Unmarshal([]byte(line), &m); err != nil {
			t.Fatalf("line %d is not JSON: %v\n%s", i+1, err, line)
		}
		var keys []string
		for k := range m {
			keys = append(keys, k)
		}
		sort.Strings(keys)
		if !reflect.DeepEqual(keys, wantKeys) {
			t.Errorf("line %d keys = %v; want %v", i+1, keys, wantKeys)
		}
		if m["kind"] != wantKinds[i] {
			t.Errorf("line %d kind = %v; want %s", i+1, m["kind"], wantKinds[i])
		}
		if _, ok := m["references"].([]any); !ok {
			t.Errorf("line %d references = %v; want a list", i+1, m["references"])
		}
	}
	var first struct {
		Title      string
		Text       string
		References []struct{ Title, URL string }
		Disclaimer string
	}
	json.Unmarshal([]byte(lines[0]), &first)
	if first.Title != "Can I Drink Alcohol While Undergoing Ketamine Therapy?" || len(first.References) != 8 ||
		first.Disclaimer == "" || !strings.Contains(first.Text, "avoid alcohol") {
		t.Errorf("first answer = %+v; want the alcohol FAQ with 8 references and a disclaimer", first)
	}
	// Suggestions: the closest entries with their ids, titles, documents and
	// scores, and no passage text.
	var sugg struct {
		Title, Text  string
		Alternatives []map[string]any
	}
	json.Unmarshal([]byte(lines[3]), &sugg)
	if sugg.Title != "" || !strings.Contains(sugg.Text, "not sure") || len(sugg.Alternatives) == 0 || len(sugg.Alternatives) > 3 {
		t.Fatalf("suggestions = %s; want up to 3 entries and no passage", lines[3])
	}
	for _, alt := range sugg.Alternatives {
		var keys []string
		for k := range alt {
			keys = append(keys, k)
		}
		sort.Strings(keys)
		if want := []string{"document", "id", "score", "title"}; !reflect.DeepEqual(keys, want) ||
			!strings.HasPrefix(alt["id"].(string), "ketamine-and-antidepressants#") || alt["document"] != "Ketamine and Antidepressants" {
			t.Errorf("suggested entry = %v; want %v: an id, title, document and score", alt, want)
		}
	}
	if !strings.Contains(lines[4], "1-800-222-1222") {
		t.Errorf("emergency = %s; want poison control", lines[4])
	}
}

func TestAskPlain(t *testing.T) {
	e := setup(t)
	out, _, err := runFaqbot(t, e, "", "ask", "Can", "I", "drink", "alcohol", "while", "on", "ketamine", "therapy?")
	if err != nil {
		t.Fatal(err)
	}
	for _, want := range []string{"Can I Drink Alcohol While Undergoing Ketamine Therapy?", "References:", "https://", "not medical advice"} {
		if !strings.Contains(out, want) {
			t.Errorf("ask output lacks %q:\n%s", want, out)
		}
	}
}

// TestAskPlainSuggestions: when no passage surely answers, ask lists the closest
// entries with their documents and ids, and prints no passage.
func TestAskPlainSuggestions(t *testing.T) {
	e := setup(t)
	out, _, err := runFaqbot(t, e, "", "ask", "can I take melatonin with ketamine")
	if err != nil {
		t.Fatal(err)
	}
	for _, want := range []string{"I'm not sure this is covered", "  1. ", "(Ketamine and Antidepressants; ketamine-and-antidepressants#", "not medical advice"} {
		if !strings.Contains(out, want) {
			t.Errorf("ask output lacks %q:\n%s", want, out)
		}
	}
	if strings.Contains(out, "References:") {
		t.Errorf("suggestions print a passage:\n%s", out)
	}
}

func TestIndexCommand(t *testing.T) {
	e := setup(t)
	out, _, err := runFaqbot(t, e, "", "index")
	if err != nil {
		t.Fatal(err)
	}
	if !strings.HasPrefix(out, "Indexed 1 document, ") || !strings.Contains(out, "passages in") || strings.Contains(out, "Added") {
		t.Errorf("first index output = %q; want documents, passages and time, and no changes listed", out)
	}
	out, _, err = runFaqbot(t, e, "", "index")
	if err != nil || !strings.Contains(out, "Nothing changed.") {
		t.Errorf("second index = %q, %v; want nothing changed", out, err)
	}
	if err := os.WriteFile(filepath.Join(e["CONTENT_DIR"], "bad.md"), []byte("no front matter\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	_, _, err = runFaqbot(t, e, "", "index")
	if err == nil || !strings.Contains(err.Error(), "bad.md") || !strings.Contains(err.Error(), "previous index is still serving") {
		t.Errorf("index with a broken file: err = %v; want it named, and the old index said to serve", err)
	}
	// The previous build still answers.
	out, _, err = runFaqbot(t, e, "", "ask", "-json", "how long does ketamine take to work")
	if err != nil || !strings.Contains(out, `"kind":"answer"`) {
		t.Errorf("ask after a failed index = %q, %v; want an answer from the old build", out, err)
	}
}

func TestUsageErrors(t *testing.T) {
	e := setup(t)
	for _, args := range [][]string{nil, {"frobnicate"}, {"ask", "-nope"}, {"index", "extra"}} {
		_, _, err := runFaqbot(t, e, "", args...)
		if !errors.Is(err, errUsage) {
			t.Errorf("faqbot %v: err = %v; want a usage error", args, err)
		}
	}
}

func TestSettingsPrecedence(t *testing.T) {
	t.Chdir(t.TempDir())
	if err := os.WriteFile(".env", []byte("A=dotenv\nB=dotenv\nC=dotenv\n"), 0o600); err != nil {
		t.Fatal(err)
	}
	s, err := loadSettings(env{"A": "env", "B": "env"}.get)
	if err != nil {
		t.Fatal(err)
	}
	for key, want := range map[string]string{"A": "env", "C": "dotenv", "D": "default"} {
		if got := s.get(key, "default"); got != want {
			t.Errorf("get(%s) = %q; want %q", key, got, want)
		}
	}
	if _, err := s.duration("A", 0); err == nil {
		t.Error("duration of a non-duration: no error")
	}
}

func TestImportCommand(t *testing.T) {
	e := setup(t)
	csv := filepath.Join(t.TempDir(), "faq.csv")
	data := "question,answer,topic\nHow do honey bees make honey?,They collect nectar from flowers and evaporate its water in the hive.,Bees\n"
	if err := os.WriteFile(csv, []byte(data), 0o644); err != nil {
		t.Fatal(err)
	}
	out, _, err := runFaqbot(t, e, "", "import", "-from", csv)
	if err != nil || !strings.Contains(out, "imported 1 row ") {
		t.Fatalf("import = %q, %v", out, err)
	}
	if _, _, err := runFaqbot(t, e, "", "import", "-from", csv); err == nil || !strings.Contains(err.Error(), "-force") {
		t.Errorf("second import without -force: err = %v; want a refusal mentioning -force", err)
	}
	if _, _, err := runFaqbot(t, e, "", "import", "-from", csv, "-force"); err != nil {
		t.Errorf("import -force: %v", err)
	}
	out, _, err = runFaqbot(t, e, "", "ask", "-json", "how do bees make honey")
	if err != nil || !strings.Contains(out, `"title":"How do honey bees make honey?"`) {
		t.Errorf("ask after import = %q, %v; want the imported entry", out, err)
	}
	if _, _, err := runFaqbot(t, e, "", "import"); !errors.Is(err, errUsage) {
		t.Errorf("import without -from: err = %v; want a usage error", err)
	}
}

// TestAskLongAndBadLines: a question over the length limit, on the command line or a
// line of standard input of any length, is refused with a reason and the next one is
// still answered.
func TestAskLongAndBadLines(t *testing.T) {
	e := setup(t)
	huge := strings.Repeat("ketamine ", 200_000) // 1.8 MB on one line
	in := huge + "\nhow long does ketamine take to work\n"
	out, stderr, err := runFaqbot(t, e, in, "ask", "-json")
	if err != nil {
		t.Fatalf("ask: %v\n%s", err, stderr)
	}
	lines := strings.Split(strings.TrimSpace(out), "\n")
	if len(lines) != 2 || !strings.Contains(lines[0], `"kind":"refused"`) || !strings.Contains(lines[0], "under 1000 characters") ||
		!strings.Contains(lines[1], `"kind":"answer"`) {
		t.Errorf("ask of a huge line then a question = %.300q; want a refusal, then the answer", out)
	}
	out, _, err = runFaqbot(t, e, "", "ask", strings.Repeat("why ", 300))
	if err != nil || !strings.Contains(out, "under 1000 characters") {
		t.Errorf("ask with a long argument = %q, %v; want the refusal printed", out, err)
	}
}

func TestAskWithoutContent(t *testing.T) {
	dir := t.TempDir()
	e := env{"CONTENT_DIR": filepath.Join(dir, "content"), "INDEX_DIR": filepath.Join(dir, "index")}
	_, _, err := runFaqbot(t, e, "", "ask", "hello")
	if err == nil || strings.Contains(err.Error(), "reindex") || !strings.Contains(err.Error(), "CONTENT_DIR") {
		t.Errorf("ask without a content directory: err = %v; want one saying to set CONTENT_DIR", err)
	}
}

func TestAskExplain(t *testing.T) {
	e := setup(t)
	out, _, err := runFaqbot(t, e, "", "ask", "-explain", "can I drink alcohol on ketamine")
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(out, "Can I Drink Alcohol While Undergoing Ketamine Therapy?") || !strings.Contains(out, "alcohol") ||
		strings.Count(out, "Can I Drink Alcohol") < 2 {
		t.Errorf("ask -explain = %q; want the answer and the explanation naming the top hit", out)
	}
}
