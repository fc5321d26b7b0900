package main

import (
	"context"
	"crypto/ed25519"
	"crypto/rand"
	"net/http/httptest"
	"strings"
	"testing"
)

// TestCalibrationReplySize checks that the calibration server verifies what it is
// sent and answers each question with a reply of the size it was given.
func TestCalibrationReplySize(t *testing.T) {
	pub, priv, err := ed25519.GenerateKey(rand.Reader)
	if err != nil {
		t.Fatal(err)
	}
	questions := []string{"short one", "another question"}
	sizes := map[string]int{"short one": 300, "another question": 1234}
	srv := httptest.NewServer(newCalibration(pub, questions, sizes, 2))
	defer srv.Close()
	pool, err := presign(priv, 2, "app", questions)
	if err != nil {
		t.Fatal(err)
	}
	got, err := replySizes(context.Background(), srv.URL, pool, questions)
	if err != nil {
		t.Fatal(err)
	}
	for q, n := range sizes {
		if got[q] != n {
			t.Errorf("reply to %q: %d bytes; want %d", q, got[q], n)
		}
	}
	_, other, _ := ed25519.GenerateKey(rand.Reader)
	bad, _ := presign(other, 1, "app", questions)
	if _, err := replySizes(context.Background(), srv.URL, bad, questions[:1]); err == nil || !strings.Contains(err.Error(), "401") {
		t.Errorf("a request signed with another key: %v; want status 401", err)
	}
}

// TestCalibrate runs faqload -calibrate briefly: faqbot over the shipped content and
// the calibration server, each driven in turn, and the ratio printed.
func TestCalibrate(t *testing.T) {
	var out, errs strings.Builder
	args := []string{"-content", "../../content", "-calibrate", "-requests", "150", "-concurrency", "2,3", "-rounds", "2", "-pool", "2000"}
	if err := runMain(context.Background(), args, &out, &errs); err != nil {
		t.Fatalf("faqload %s: %v\n%s", strings.Join(args, " "), err, errs.String())
	}
	for _, want := range []string{"clients 2: 2 rounds", "clients 3: 2 rounds", "faqbot / calibration: throughput ", "answers by kind: answer "} {
		if !strings.Contains(out.String(), want) {
			t.Errorf("output:\n%s\nwant %q", out.String(), want)
		}
	}
	if strings.Contains(out.String(), "error") {
		t.Errorf("output:\n%s\nwant no question failed", out.String())
	}
}

func TestMixIsLargeAndVaried(t *testing.T) {
	qs, err := loadQuestions("")
	if err != nil {
		t.Fatal(err)
	}
	seen := map[string]bool{}
	long := 0
	for _, q := range qs {
		if seen[q] {
			t.Errorf("%q is in the mix twice", q)
		}
		seen[q] = true
		if n := len(strings.Fields(q)); n >= 20 && n <= 150 {
			long++
		}
	}
	if len(qs) < 100 || long < 10 {
		t.Errorf("mix: %d questions, %d long ones; want at least 100 and 10", len(qs), long)
	}
}

// TestLongMessagesVary checks that no long message of the mix is sent twice in a
// pool of the default size, and that short questions are sent as they are.
func TestLongMessagesVary(t *testing.T) {
	qs, err := loadQuestions("")
	if err != nil {
		t.Fatal(err)
	}
	seen := map[string]bool{}
	short := 0
	for n := range 40000 {
		q := variant(qs, n)
		if q == qs[n%len(qs)] {
			short++
			continue
		}
		if seen[q] {
			t.Fatalf("request %d repeats %q", n, q)
		}
		seen[q] = true
	}
	if short == 0 || len(seen) == 0 {
		t.Errorf("%d short questions, %d long variants; want both", short, len(seen))
	}
}
