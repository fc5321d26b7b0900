package main

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// TestMain runs a phase when the test binary is re-executed as a child, as the
// program itself is.
func TestMain(m *testing.M) {
	if phase := os.Getenv(phaseEnv); phase != "" {
		if err := runPhase(context.Background(), phase, os.Args[1:], os.Stdout); err != nil {
			fmt.Fprintln(os.Stderr, err)
			os.Exit(1)
		}
		os.Exit(0)
	}
	os.Exit(m.Run())
}

// writeCorpus writes a small corpus in MedQuAD's format.
func writeCorpus(t *testing.T) string {
	t.Helper()
	var b bytes.Buffer
	enc := json.NewEncoder(&b)
	topics := []string{"Glaucoma", "Asthma", "Gout"}
	qtypes := map[string]string{"information": "What is (are) %s ?", "symptoms": "What are the symptoms of %s ?", "treatment": "What are the treatments for %s ?"}
	n := 0
	for _, topic := range topics {
		for qtype, q := range qtypes {
			n++
			enc.Encode(map[string]string{
				"id": fmt.Sprint("T_", n), "question": fmt.Sprintf(q, topic),
				"answer":     fmt.Sprintf("%s is a condition. This answer covers %s of %s in some detail.", topic, qtype, topic),
				"source_url": "https://example.org/" + strings.ToLower(topic), "topic": topic, "qtype": qtype, "source": "TEST",
			})
		}
	}
	path := filepath.Join(t.TempDir(), "corpus.jsonl")
	if err := os.WriteFile(path, b.Bytes(), 0o644); err != nil {
		t.Fatal(err)
	}
	return path
}

func TestRunPrintsTable(t *testing.T) {
	corpus := writeCorpus(t)
	var out, errb bytes.Buffer
	args := []string{"-medquad", corpus, "-content", "../../content", "-work", t.TempDir(),
		"-runs", "2", "-questions", "40", "-answers", filepath.Join(t.TempDir(), "answers.tsv")}
	if err := run(context.Background(), args, &out, &errb); err != nil {
		t.Fatalf("run: %v\n%s", err, errb.String())
	}
	for _, want := range []string{
		"| Index build", "| Answer p50, all questions |", "| Peak RSS, serving", "not rebuilt",
		"| long | ", "| keywords | ", "median of 2 runs",
	} {
		if !strings.Contains(out.String(), want) {
			t.Errorf("output lacks %q:\n%s", want, out.String())
		}
	}
}

func TestRunSkipsWithoutCorpus(t *testing.T) {
	var out, errb bytes.Buffer
	err := run(context.Background(), []string{"-medquad", filepath.Join(t.TempDir(), "absent.jsonl")}, &out, &errb)
	if err != nil || !strings.HasPrefix(out.String(), "skipping: ") {
		t.Errorf("run without corpus = %v, %q; want nil error and a skip message", err, out.String())
	}
}

func TestLongQuestionsHaveRealisticLength(t *testing.T) {
	qs, err := generateQuestions(writeCorpus(t), 400, 7)
	if err != nil {
		t.Fatal(err)
	}
	counts := map[string]int{}
	for _, q := range qs {
		counts[q.Class]++
		n := len(strings.Fields(q.Text))
		if q.Class == classLong && (n < 20 || n > 160) {
			t.Errorf("long question of %d words: %q", n, q.Text)
		}
		if q.Class == classKeywords && n > 8 {
			t.Errorf("keyword query of %d words: %q", n, q.Text)
		}
	}
	for _, c := range []string{classKeywords, classQuestion, classLong, classOffTopic} {
		if counts[c] == 0 {
			t.Errorf("no %s questions among %d", c, len(qs))
		}
	}
}

func TestRunScales(t *testing.T) {
	corpus := writeCorpus(t)
	var out, errb bytes.Buffer
	args := []string{"-medquad", corpus, "-content", "../../content", "-work", t.TempDir(),
		"-runs", "1", "-questions", "20", "-scale", "1,2"}
	if err := run(context.Background(), args, &out, &errb); err != nil {
		t.Fatalf("run: %v\n%s", err, errb.String())
	}
	for _, want := range []string{"| Index build / floor", "| 1× | ", "| 2× | ", "-scale 1,2`"} {
		if !strings.Contains(out.String(), want) {
			t.Errorf("output lacks %q:\n%s", want, out.String())
		}
	}
	// The second copy is indexed with passages of its own: twice the first's, less
	// the shipped content's.
	var one, two int
	for _, line := range strings.Split(out.String(), "\n") {
		if n, _ := fmt.Sscanf(line, "| 1× | %d |", &one); n == 1 {
			continue
		}
		fmt.Sscanf(line, "| 2× | %d |", &two)
	}
	const shipped = 16
	if one == 0 || two-shipped != 2*(one-shipped) {
		t.Errorf("passages: %d at 1×, %d at 2×; want MedQuAD's counted twice", one, two)
	}
}
