package answer_test

import (
	"context"
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/faqbot/faqbot/internal/answer"
	"github.com/faqbot/faqbot/internal/faq"
	"github.com/faqbot/faqbot/internal/faqtest"
	"github.com/faqbot/faqbot/internal/index"
	"github.com/faqbot/faqbot/internal/serve"
)

const (
	seedFile  = "ketamine-and-antidepressants.md"
	alcoholID = "ketamine-and-antidepressants#can-i-drink-alcohol-while-undergoing-ketamine-therapy"
	howLongID = "ketamine-and-antidepressants#how-long-does-it-take-for-ketamine-to-work"
)

// gated returns the service as serve wires it — every build through its checks —
// over a copy of the shipped content with a build in service, and that content.
func gated(t *testing.T, cfg answer.Config, obs faq.Observer) (*serve.Service, string) {
	t.Helper()
	content := faqtest.Content(t)
	svc, err := serve.NewService(serve.Config{Answer: cfg,
		Index: index.Config{ContentDir: content, IndexDir: filepath.Join(t.TempDir(), "index")}}, obs, nil)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { svc.Store.Close() })
	if err := svc.Store.Load(context.Background()); err != nil {
		t.Fatalf("Load: %v", err)
	}
	return svc, content
}

// edit replaces old with new in the content file at path.
func edit(t *testing.T, path, old, new string) {
	t.Helper()
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(string(b), old) {
		t.Fatalf("%s lacks %q", path, old)
	}
	faqtest.WriteFile(t, path, strings.Replace(string(b), old, new, 1))
}

// TestShippedContentPassesItsChecks: the seed builds through its checks.
func TestShippedContentPassesItsChecks(t *testing.T) {
	svc, _ := gated(t, answer.Config{}, nil)
	r, err := svc.Store.Check(context.Background())
	if err != nil || len(r.Failures) > 0 || r.Checks < 20 {
		t.Errorf("Check of the shipped content = %d checks, failures %v, %v; want all passed", r.Checks, r.Failures, err)
	}
}

// TestEditBreakingAnEntryIsRefused: an "Also asked:" phrasing that another entry
// answers is refused with the failing check listed, by file and the entry's heading
// line, and what it got instead; the previous build keeps answering; a forced
// reindex puts it in service, listing the failure, and is observed.
func TestEditBreakingAnEntryIsRefused(t *testing.T) {
	rec := &faqtest.Events{}
	svc, content := gated(t, answer.Config{Cooldown: -1}, rec)
	path := filepath.Join(content, seedFile)
	edit(t, path, "- Is it safe to drink on ketamine?\n", "- Is it safe to drink on ketamine?\n- How long does ketamine take to work?\n")
	ctx := context.Background()
	_, err := svc.Reindex(ctx, faq.ReindexRequest{})
	var fe *faq.Error
	want := path + `:197: question "How long does ketamine take to work?" should get this entry as the answer; it gets the answer ` + howLongID
	if faq.ErrorCode(err) != faq.EINVALID || !errors.As(err, &fe) || fe.Details != want ||
		!strings.Contains(fe.Message, "1 of 30 must-answer checks failed") {
		t.Fatalf("Reindex after the edit = %v\ndetails %q; want EINVALID with\n%s", err, detailsOf(fe), want)
	}
	a, err := svc.Ask(ctx, faq.Question{Text: "Is it safe to drink on ketamine?"})
	if err != nil || a.PassageID != alcoholID {
		t.Errorf("after the refused reindex: %s %s, %v; want the previous build's answer", a.Kind, a.PassageID, err)
	}

	r, err := svc.Reindex(ctx, faq.ReindexRequest{Force: true})
	if err != nil || len(r.Overridden) != 1 || r.Overridden[0].String() != want || r.Checks != 30 ||
		!strings.Contains(r.Summary(), "Forced: 1 of 30 checks failed") {
		t.Fatalf("forced reindex = %+v, %v; want it in service with the failure listed", r, err)
	}
	events := rec.All()
	last := events[len(events)-1]
	if last.Action != faq.ActionReindex || last.Reindex == nil || len(last.Reindex.Overridden) != 1 {
		t.Errorf("the forced reindex was observed as %+v; want a reindex event with the override", last)
	}
}

// TestChecksFile runs a checks file with a passing and a failing check of each kind
// — a passage, not covered (by the "not covered" reply or the closest entries),
// crisis, emergency, and a passage no longer in the content — and reports each
// failure on its line with what it got.
func TestChecksFile(t *testing.T) {
	svc, content := gated(t, answer.Config{}, nil)
	checks := []struct {
		question, expect string
		failure          string // "" when the check passes
	}{
		{"Can I drink alcohol while on ketamine therapy?", alcoholID, ""},
		{"how long does ketamine take to work", alcoholID, "should get the answer " + alcoholID + "; it gets the answer " + howLongID},
		{"how long does ketamine take to work", "ketamine-and-antidepressants#renamed", "which is not in the content (was its heading renamed?); it gets the answer " + howLongID},
		{"how do I bake sourdough bread", "not covered", ""},
		{"can I take melatonin with ketamine", "not covered", ""}, // the closest entries
		{"Can I drink alcohol while on ketamine therapy?", "not covered", `should get no passage ("not covered", or the closest entries); it gets the answer ` + alcoholID},
		{"I want to end my life", "crisis", ""},
		{"how long does ketamine take to work", "crisis", "should get the crisis resources; it gets the answer " + howLongID},
		{"my son just drank bleach", "emergency", ""},
		{"I want to end my life", "emergency", "should get the emergency advice; it gets the crisis resources"},
	}
	var tsv strings.Builder
	for _, c := range checks {
		tsv.WriteString(c.question + "\t" + c.expect + "\n")
	}
	file := filepath.Join(content, "checks.tsv")
	faqtest.WriteFile(t, file, tsv.String())
	r, err := svc.Store.Check(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	got := map[int]string{}
	for _, f := range r.Failures {
		if f.Path != file {
			t.Errorf("failure of another file: %s", f)
		}
		got[f.Line] = f.Problem
	}
	for i, c := range checks {
		line := i + 1
		switch {
		case c.failure == "" && got[line] != "":
			t.Errorf("line %d (%q → %s) failed: %s; want it to pass", line, c.question, c.expect, got[line])
		case c.failure != "" && !strings.Contains(got[line], c.failure):
			t.Errorf("line %d (%q → %s) = %q; want a failure saying %q", line, c.question, c.expect, got[line], c.failure)
		}
	}
	if r.Checks != 25+len(checks) {
		t.Errorf("%d checks; want the 25 of the entries and %d of the file", r.Checks, len(checks))
	}
}

// TestOverdueAnswerCarriesTheNotice: an answer from a document reviewed longer ago
// than the maximum age (or its own review-every:) says so; a fresh one does not.
func TestOverdueAnswerCarriesTheNotice(t *testing.T) {
	now := time.Date(2026, 11, 30, 12, 0, 0, 0, time.UTC)
	for _, tt := range []struct {
		name, front string
		overdue     bool
	}{
		{"fresh", "reviewed: 2026-11-25\n", false},
		{"over 12 months", "reviewed: 2025-10-01\n", true},
		{"within its own 2 years", "reviewed: 2025-10-01\nreview-every: 2 years\n", false},
		{"over its own 1 month", "reviewed: 2026-10-01\nreview-every: 1 month\n", true},
	} {
		t.Run(tt.name, func(t *testing.T) {
			svc, content := gated(t, answer.Config{Now: func() time.Time { return now }, Cooldown: -1}, nil)
			edit(t, filepath.Join(content, seedFile), "reviewed: 2026-11-25\n", tt.front)
			if _, err := svc.Reindex(context.Background(), faq.ReindexRequest{}); err != nil {
				t.Fatal(err)
			}
			a, err := svc.Ask(context.Background(), faq.Question{Text: "Can I drink alcohol while on ketamine therapy?"})
			if err != nil || a.Kind != faq.KindAnswer {
				t.Fatalf("Ask = %s, %v; want an answer", a.Kind, err)
			}
			if got := a.ReviewNotice != ""; got != tt.overdue {
				t.Errorf("ReviewNotice = %q; want one: %v", a.ReviewNotice, tt.overdue)
			}
			if tt.overdue && !strings.Contains(a.ReviewNotice, "last reviewed on 1 October 2025") &&
				!strings.Contains(a.ReviewNotice, "last reviewed on 1 October 2026") {
				t.Errorf("ReviewNotice = %q; want the review date", a.ReviewNotice)
			}
			p, err := svc.Passage(context.Background(), faq.Origin{}, alcoholID)
			if err != nil || p.ReviewNotice != a.ReviewNotice {
				t.Errorf("the passage opened by its button has notice %q, %v; want %q", p.ReviewNotice, err, a.ReviewNotice)
			}
		})
	}
}

func detailsOf(fe *faq.Error) string {
	if fe == nil {
		return ""
	}
	return fe.Details
}
