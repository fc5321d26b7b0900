package index

import (
	"context"
	"errors"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/faqbot/faqbot/internal/faq"
	"github.com/faqbot/faqbot/internal/faqtest"
	"github.com/faqbot/faqbot/internal/search"
)

// honeyGate fails every build that answers "how long does honey keep" with an
// answer, asking the candidate as the Store would be asked.
func honeyGate(ctx context.Context, c *Candidate) (int, []faq.CheckFailure, error) {
	m, err := c.Find(ctx, "how long does honey keep", 4)
	if err != nil {
		return 0, nil, err
	}
	if m.Verdict == faq.VerdictAnswer {
		return 1, []faq.CheckFailure{{Path: "content/checks.tsv", Line: 1, Problem: "honey is answered"}}, nil
	}
	return 1, nil, nil
}

// TestGateRefusesAndForceOverrides: a build the gate fails is refused with its
// failures, removed, and the build in service keeps answering; ForceReindex puts it
// in service anyway, listing them.
func TestGateRefusesAndForceOverrides(t *testing.T) {
	s, cfg := openSeed(t)
	s.SetGate(honeyGate)
	before := buildDirs(t, cfg.IndexDir)
	faqtest.WriteFile(t, filepath.Join(cfg.ContentDir, "honey.md"), honeyDoc(1))
	_, err := s.Reindex(context.Background())
	var ce *CheckError
	if !errors.As(err, &ce) || ce.Checks != 1 || ce.Lines() != "content/checks.tsv:1: honey is answered" {
		t.Fatalf("Reindex = %v; want a CheckError listing the failure", err)
	}
	if got := best(t, s, "how long does honey keep"); got == honeyFAQ {
		t.Error("the refused build answers")
	}
	if after := buildDirs(t, cfg.IndexDir); !slices.Equal(after, before) {
		t.Errorf("builds after a refused build = %v; want %v", after, before)
	}
	r, err := s.ForceReindex(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	if len(r.Overridden) != 1 || r.Checks != 1 || best(t, s, "how long does honey keep") != honeyFAQ {
		t.Errorf("forced reindex = %+v; want the failure listed and the build in service", r)
	}
	if readHold(cfg.IndexDir) != nil {
		t.Error("content is still held after a forced build put it in service")
	}
}

// TestCheckLeavesNothing: Check judges a build of the content and removes it; the
// build in service and CURRENT stay as they were, and nothing is held.
func TestCheckLeavesNothing(t *testing.T) {
	s, cfg := openSeed(t)
	s.SetGate(honeyGate)
	before := buildDirs(t, cfg.IndexDir)
	current, _ := os.ReadFile(filepath.Join(cfg.IndexDir, currentFile))
	faqtest.WriteFile(t, filepath.Join(cfg.ContentDir, "honey.md"), honeyDoc(1))
	r, err := s.Check(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	if r.Checks != 1 || len(r.Failures) != 1 || len(r.Library.Documents) != 2 {
		t.Errorf("Check = %d checks, %v, %d documents; want the failure and both documents", r.Checks, r.Failures, len(r.Library.Documents))
	}
	again, _ := os.ReadFile(filepath.Join(cfg.IndexDir, currentFile))
	if after := buildDirs(t, cfg.IndexDir); !slices.Equal(after, before) || string(again) != string(current) ||
		readHold(cfg.IndexDir) != nil {
		t.Errorf("after Check: builds %v, CURRENT %q, hold %v; want %v, %q, none", after, again, readHold(cfg.IndexDir), before, current)
	}
	faqtest.WriteFile(t, filepath.Join(cfg.ContentDir, "broken.md"), "no front matter\n")
	var ce *ContentError
	if _, err := s.Check(context.Background()); !errors.As(err, &ce) {
		t.Errorf("Check of broken content: %v; want a ContentError", err)
	}
}

// TestSwitchFailureKeepsTheBuildInService: when CURRENT cannot be switched, the new
// build is removed and the one in service stays.
func TestSwitchFailureKeepsTheBuildInService(t *testing.T) {
	s, cfg := openSeed(t)
	served := builtFrom(t, s)
	current := filepath.Join(cfg.IndexDir, currentFile)
	if err := os.Remove(current); err != nil {
		t.Fatal(err)
	}
	if err := os.MkdirAll(filepath.Join(current, "in-the-way"), 0o755); err != nil {
		t.Fatal(err)
	}
	faqtest.WriteFile(t, filepath.Join(cfg.ContentDir, "honey.md"), honeyDoc(1))
	if _, err := s.Reindex(context.Background()); err == nil {
		t.Fatal("Reindex switched with a directory in CURRENT's place")
	}
	if builtFrom(t, s) != served || best(t, s, "how long does honey keep") == honeyFAQ {
		t.Error("the build that could not be switched to is in service")
	}
	if dirs := buildDirs(t, cfg.IndexDir); len(dirs) != 1 || dirs[0] != served {
		t.Errorf("builds = %v; want only %s", dirs, served)
	}
}

// keyedGate fails "how long does honey keep" and "do wasps make honey" when they are
// answered, each check with a key of its own.
func keyedGate(ctx context.Context, c *Candidate) (int, []faq.CheckFailure, error) {
	var failed []faq.CheckFailure
	for i, q := range []string{"how long does honey keep", "do wasps make honey"} {
		m, err := c.Find(ctx, q, 4)
		if err != nil {
			return 0, nil, err
		}
		if m.Verdict == faq.VerdictAnswer {
			failed = append(failed, faq.CheckFailure{Path: "content/checks.tsv", Line: i + 1, Problem: q + " is answered", Key: q})
		}
	}
	return 2, failed, nil
}

// TestChecksFailingBeforeDoNotRefuse: once a build failing a check is in service
// (forced), later builds failing only that check are put in service, saying so; a
// check that newly fails still refuses a build, even after a restart.
func TestChecksFailingBeforeDoNotRefuse(t *testing.T) {
	s, cfg := openSeed(t)
	s.SetGate(keyedGate)
	ctx := context.Background()
	faqtest.WriteFile(t, filepath.Join(cfg.ContentDir, "honey.md"), honeyDoc(1))
	var ce *CheckError
	if _, err := s.Reindex(ctx); !errors.As(err, &ce) {
		t.Fatalf("Reindex of content failing a check = %v; want it refused", err)
	}
	if _, err := s.ForceReindex(ctx); err != nil {
		t.Fatal(err)
	}
	faqtest.WriteFile(t, filepath.Join(cfg.ContentDir, "honey.md"), honeyDoc(2))
	r, err := s.Reindex(ctx)
	if err != nil || len(r.StillFailing) != 1 || len(r.Overridden) != 0 ||
		!strings.Contains(r.Summary(), "1 of 2 checks still fail, as they did in the build in service") {
		t.Fatalf("Reindex failing only what the build in service failed = %+v (%q), %v; want it in service", r, r.Summary(), err)
	}
	wasps := "---\ntitle: Wasps\n---\n\n## Frequently Asked Questions\n\n### Do Wasps Make Honey?\n\nNo: wasps do not make honey.\n"
	faqtest.WriteFile(t, filepath.Join(cfg.ContentDir, "wasps.md"), wasps)
	if _, err := s.Reindex(ctx); !errors.As(err, &ce) || ce.Still != 1 || ce.Lines() != "content/checks.tsv:2: do wasps make honey is answered" {
		t.Fatalf("Reindex with a new failure = %v; want it refused, listing only the new one", err)
	}
	// The build in service remembers what it failed across a restart.
	s.Close()
	s2, err := New(cfg, search.Backend{}, nil)
	if err != nil {
		t.Fatal(err)
	}
	defer s2.Close()
	s2.SetGate(keyedGate)
	if err := s2.Open(); err != nil {
		t.Fatal(err)
	}
	if err := os.Remove(filepath.Join(cfg.ContentDir, "wasps.md")); err != nil {
		t.Fatal(err)
	}
	faqtest.WriteFile(t, filepath.Join(cfg.ContentDir, "honey.md"), honeyDoc(3))
	if r, err := s2.Reindex(ctx); err != nil || len(r.StillFailing) != 1 {
		t.Errorf("Reindex after a restart = %+v, %v; want the old failure still accepted", r, err)
	}
}
