package index

import (
	"os"
	"path/filepath"
	"testing"
	"time"

	"github.com/faqbot/faqbot/internal/content"
	"github.com/faqbot/faqbot/internal/faqtest"
)

// TestPassageTextsFromDisk checks that every passage's text, which the Store reads
// from its build rather than keeping in memory, is the content's, both from the
// Store that built the index and after a restart.
func TestPassageTextsFromDisk(t *testing.T) {
	s, cfg := openSeed(t)
	lib, err := content.Load(cfg.ContentDir)
	if err != nil {
		t.Fatal(err)
	}
	check := func(s *Store, when string) {
		t.Helper()
		n := 0
		for _, d := range lib.Documents {
			for _, p := range d.Passages {
				en, err := s.Entry(p.ID)
				if err != nil {
					t.Fatalf("%s: Entry(%q): %v", when, p.ID, err)
				}
				if en.Text != p.Text {
					t.Errorf("%s: Entry(%q).Text = %q; want %q", when, p.ID, en.Text, p.Text)
				}
				n++
			}
		}
		if n == 0 {
			t.Fatalf("%s: no passages checked", when)
		}
	}
	check(s, "after the build")
	s.Close()
	check(open(t, cfg), "after a restart")
}

// TestStartUpTrustsFileTimesOnlyWhenSafe checks the start-up test for changed
// content: unchanged file times skip reading the content, a touched file is read
// and found unchanged, an edited one is rebuilt, and content edited just before a
// build is read at the next start whatever its times.
func TestStartUpTrustsFileTimesOnlyWhenSafe(t *testing.T) {
	cfg := Config{ContentDir: faqtest.Content(t), IndexDir: filepath.Join(t.TempDir(), "index")}

	// Content written just now: the build records no file times to trust.
	s := open(t, cfg)
	if files := s.st.files; files != "" {
		t.Errorf("build of content written just now recorded file times %q; want none", files)
	}
	first := builtFrom(t, s)
	s.Close()
	if got := builtFrom(t, open(t, cfg)); got != first {
		t.Errorf("restart rebuilt (%s); want %s reused", got, first)
	}

	// Content written well before: its file times are recorded and trusted.
	faqtest.Age(t, cfg.ContentDir, time.Hour)
	s = open(t, cfg)
	if _, err := s.Reindex(t.Context()); err != nil {
		t.Fatal(err)
	}
	if s.st.files == "" {
		t.Fatal("build of old content recorded no file times")
	}
	second := builtFrom(t, s)
	s.Close()
	if got := builtFrom(t, open(t, cfg)); got != second {
		t.Errorf("restart with unchanged file times rebuilt (%s); want %s reused", got, second)
	}

	// Touched, not changed: read, found unchanged, not rebuilt.
	seed := filepath.Join(cfg.ContentDir, "ketamine-and-antidepressants.md")
	now := time.Now()
	if err := os.Chtimes(seed, now, now); err != nil {
		t.Fatal(err)
	}
	if got := builtFrom(t, open(t, cfg)); got != second {
		t.Errorf("restart after a touch rebuilt (%s); want %s reused", got, second)
	}

	// Edited: rebuilt.
	b, err := os.ReadFile(seed)
	if err != nil {
		t.Fatal(err)
	}
	faqtest.WriteFile(t, seed, string(b)+"\nOne more line of text.\n")
	if got := builtFrom(t, open(t, cfg)); got == second {
		t.Errorf("restart after an edit kept build %s; want a rebuild", got)
	}
}
