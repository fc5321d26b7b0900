package safety

import (
	"bufio"
	"os"
	"strings"
	"testing"
)

// questionsFile is the labelled question set at the repository root (format in
// testdata/README.md there).
const questionsFile = "../../testdata/questions.tsv"

// TestQuestionSet checks the labelled question set is well formed and agrees with the
// detectors: every crisis row is a crisis, every emergency row an emergency, and no
// other row is either (an emergency may also be a crisis).
func TestQuestionSet(t *testing.T) {
	f, err := os.Open(questionsFile)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	d, e := NewDetector(), NewEmergencyDetector()
	perCategory := map[string]int{}
	seen := map[string]int{}
	sc := bufio.NewScanner(f)
	for n := 1; sc.Scan(); n++ {
		line := sc.Text()
		if n == 1 {
			if line != "category\texpected\tquestion" {
				t.Fatalf("%s:1: header = %q; want %q", questionsFile, line, "category\texpected\tquestion")
			}
			continue
		}
		cols := strings.Split(line, "\t")
		if len(cols) != 3 {
			t.Errorf("%s:%d: %d tab-separated columns; want 3", questionsFile, n, len(cols))
			continue
		}
		cat, expected, q := cols[0], cols[1], strings.ReplaceAll(cols[2], `\n`, "\n")
		perCategory[cat]++
		switch {
		case strings.TrimSpace(q) == "":
			t.Errorf("%s:%d: empty question", questionsFile, n)
		case seen[strings.ToLower(q)] > 0:
			t.Errorf("%s:%d: question %q repeats line %d", questionsFile, n, q, seen[strings.ToLower(q)])
		}
		seen[strings.ToLower(q)] = n
		switch cat {
		case "paraphrase", "keyword", "brand", "typo", "lay":
			for _, title := range strings.Split(expected, "|") {
				if strings.TrimSpace(title) != title || title == "" || title == "no_answer" || title == "crisis" || title == "emergency" {
					t.Errorf("%s:%d: category %s wants passage titles, got %q", questionsFile, n, cat, expected)
				}
			}
		case "short", "long":
			for _, title := range strings.Split(expected, "|") {
				if strings.TrimSpace(title) != title || title == "" || title == "crisis" || title == "emergency" {
					t.Errorf("%s:%d: category %s wants passage titles or no_answer, got %q", questionsFile, n, cat, expected)
				}
			}
		case "offtopic", "offtopic_health":
			if expected != "no_answer" {
				t.Errorf("%s:%d: category %s wants expected no_answer, got %q", questionsFile, n, cat, expected)
			}
		case "crisis", "emergency":
			if expected != cat {
				t.Errorf("%s:%d: category %s wants expected %s, got %q", questionsFile, n, cat, cat, expected)
			}
		default:
			t.Errorf("%s:%d: unknown category %q", questionsFile, n, cat)
		}
		// An emergency may be a crisis as well ("about to take a whole pack"): the
		// emergency reply wins (see safety.go).
		if got := d.IsCrisis(q); got != (cat == "crisis") && cat != "emergency" {
			t.Errorf("%s:%d: IsCrisis(%q) = %v; want %v", questionsFile, n, q, got, !got)
		}
		if got, want := e.IsEmergency(q), cat == "emergency"; got != want {
			t.Errorf("%s:%d: IsEmergency(%q) = %v; want %v", questionsFile, n, q, got, want)
		}
	}
	if err := sc.Err(); err != nil {
		t.Fatal(err)
	}
	total := 0
	for _, cat := range []string{"paraphrase", "keyword", "brand", "typo", "lay", "short", "long", "offtopic", "offtopic_health", "crisis", "emergency"} {
		total += perCategory[cat]
		if perCategory[cat] < 12 {
			t.Errorf("%s: %d %s rows; want at least 12", questionsFile, perCategory[cat], cat)
		}
	}
	if total < 100 {
		t.Errorf("%s: %d rows; want at least 100", questionsFile, total)
	}
}

// medquadQuestionsFile is the labelled question set for MedQuAD: health questions,
// overdose questions among them, none a crisis or an emergency.
const medquadQuestionsFile = "../../testdata/medquad-questions.tsv"

// TestMedQuADQuestionSet checks that no question of the MedQuAD set — questions
// about overdoses and poisoning among them — is taken for a crisis or an emergency.
func TestMedQuADQuestionSet(t *testing.T) {
	b, err := os.ReadFile(medquadQuestionsFile)
	if err != nil {
		t.Fatal(err)
	}
	d, e := NewDetector(), NewEmergencyDetector()
	for n, line := range strings.Split(string(b), "\n") {
		cols := strings.Split(line, "\t")
		if n == 0 || len(cols) != 3 || strings.HasPrefix(line, "#") {
			continue
		}
		q := strings.ReplaceAll(cols[2], `\n`, "\n")
		if d.IsCrisis(q) || e.IsEmergency(q) {
			t.Errorf("%s:%d: %q is taken for a crisis (%v) or an emergency (%v)", medquadQuestionsFile, n+1, q, d.IsCrisis(q), e.IsEmergency(q))
		}
	}
}
