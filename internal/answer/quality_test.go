package answer_test

import (
	"bufio"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/faqbot/faqbot/internal/answer"
	"github.com/faqbot/faqbot/internal/faqtest"
)

// The labelled question sets (testdata/README.md).
var (
	seedQuestions    = filepath.Join(faqtest.Root, "testdata", "questions.tsv")
	medquadQuestions = filepath.Join(faqtest.Root, "testdata", "medquad-questions.tsv")
)

// labelled is one row of a labelled question set (testdata/README.md).
type labelled struct {
	line     int
	category string
	expected []string // passage titles, or "no_answer", or "crisis"
	question string   // a `\n` in the file stands for a line break
}

func readLabelled(t testing.TB, path string) []labelled {
	t.Helper()
	f, err := os.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	var out []labelled
	sc := bufio.NewScanner(f)
	n := 0
	for sc.Scan() {
		n++
		line := sc.Text()
		if n == 1 || strings.TrimSpace(line) == "" || strings.HasPrefix(line, "#") {
			continue
		}
		parts := strings.Split(line, "\t")
		if len(parts) != 3 {
			t.Fatalf("%s:%d: want 3 tab-separated fields, got %d", path, n, len(parts))
		}
		question := strings.ReplaceAll(parts[2], `\n`, "\n")
		out = append(out, labelled{line: n, category: parts[0], expected: strings.Split(parts[1], "|"), question: question})
	}
	if err := sc.Err(); err != nil {
		t.Fatal(err)
	}
	return out
}

// seedFloors are the floors of testdata/questions.tsv on the seed content alone
// (measured: P@1 0.816, MRR@10 0.876, found 102/114, 6 confident wrong answers).
var seedFloors = floors{p1: 0.78, mrr: 0.85, found: 0.86, maxWrong: 8}

// TestAccuracy answers testdata/questions.tsv from the shipped content and reports
// the ranking (P@1, MRR@10) and the decision (answer, suggestions, not covered) per
// category. Run with -v to see every question not answered right.
func TestAccuracy(t *testing.T) {
	store := openStore(t, faqtest.RepoContent)
	s := answer.New(answer.Config{}, store, nil, nil)
	ev := evaluate(t, s, store, readLabelled(t, seedQuestions))
	t.Logf("seed content alone: %s", ev)
	ev.check(t, seedFloors)
}
