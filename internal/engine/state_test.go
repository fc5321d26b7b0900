package engine

import (
	"context"
	"os"
	"path/filepath"
	"testing"
	"time"

	"github.com/faqbot/faqbot/internal/content"
)

// builtFrom returns the build in service.
func builtFrom(t *testing.T, e *Engine) string {
	t.Helper()
	e.mu.RLock()
	defer e.mu.RUnlock()
	if e.st == nil {
		t.Fatal("no build in service")
	}
	return e.st.build
}

// ageContent dates every file under dir back by d.
func ageContent(t *testing.T, dir string, d time.Duration) {
	t.Helper()
	then := time.Now().Add(-d)
	err := filepath.WalkDir(dir, func(path string, _ os.DirEntry, err error) error {
		if err != nil {
			return err
		}
		return os.Chtimes(path, then, then)
	})
	if err != nil {
		t.Fatal(err)
	}
}

// TestPassageTextsFromDisk checks that every passage's text, which the engine reads
// from its build rather than keeping in memory, is the content's, both from the
// engine that built the index and after a restart.
func TestPassageTextsFromDisk(t *testing.T) {
	e, cfg := openSeed(t)
	lib, err := content.Load(cfg.ContentDir)
	if err != nil {
		t.Fatal(err)
	}
	check := func(e *Engine, when string) {
		t.Helper()
		n := 0
		for _, d := range lib.Documents {
			for _, p := range d.Passages {
				a, err := e.Passage(context.Background(), p.ID)
				if err != nil {
					t.Fatalf("%s: Passage(%q): %v", when, p.ID, err)
				}
				if a.Text != p.Text {
					t.Errorf("%s: Passage(%q).Text = %q; want %q", when, p.ID, a.Text, p.Text)
				}
				n++
			}
		}
		if n == 0 {
			t.Fatalf("%s: no passages checked", when)
		}
	}
	check(e, "after the build")
	e.Close()
	e2, err := Open(context.Background(), cfg, nil)
	if err != nil {
		t.Fatal(err)
	}
	defer e2.Close()
	check(e2, "after a restart")
}

// TestStartUpTrustsFileTimesOnlyWhenSafe checks the start-up test for changed
// content: unchanged file times skip reading the content, a touched file is read
// and found unchanged, an edited one is rebuilt, and content edited just before a
// build is read at the next start whatever its times.
func TestStartUpTrustsFileTimesOnlyWhenSafe(t *testing.T) {
	dir := t.TempDir()
	cfg := Config{ContentDir: filepath.Join(dir, "content"), IndexDir: filepath.Join(dir, "index")}
	copyDir(t, repoContent, cfg.ContentDir)
	open := func() *Engine {
		t.Helper()
		e, err := Open(context.Background(), cfg, nil)
		if err != nil {
			t.Fatal(err)
		}
		t.Cleanup(func() { e.Close() })
		return e
	}

	// Content written just now: the build records no file times to trust.
	e := open()
	if files := e.st.files; files != "" {
		t.Errorf("build of content written just now recorded file times %q; want none", files)
	}
	first := builtFrom(t, e)
	e.Close()
	if got := builtFrom(t, open()); got != first {
		t.Errorf("restart rebuilt (%s); want %s reused", got, first)
	}

	// Content written well before: its file times are recorded and trusted.
	ageContent(t, cfg.ContentDir, time.Hour)
	e = open()
	if _, err := e.Reindex(context.Background()); err != nil {
		t.Fatal(err)
	}
	if e.st.files == "" {
		t.Fatal("build of old content recorded no file times")
	}
	second := builtFrom(t, e)
	e.Close()
	if got := builtFrom(t, open()); got != second {
		t.Errorf("restart with unchanged file times rebuilt (%s); want %s reused", got, second)
	}

	// Touched, not changed: read, found unchanged, not rebuilt.
	seed := filepath.Join(cfg.ContentDir, "ketamine-and-antidepressants.md")
	now := time.Now()
	if err := os.Chtimes(seed, now, now); err != nil {
		t.Fatal(err)
	}
	if got := builtFrom(t, open()); got != second {
		t.Errorf("restart after a touch rebuilt (%s); want %s reused", got, second)
	}

	// Edited: rebuilt.
	b, err := os.ReadFile(seed)
	if err != nil {
		t.Fatal(err)
	}
	writeFile(t, seed, string(b)+"\nOne more line of text.\n")
	if got := builtFrom(t, open()); got == second {
		t.Errorf("restart after an edit kept build %s; want a rebuild", got)
	}
}
