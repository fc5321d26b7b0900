package index

import (
	"bytes"
	"context"
	"errors"
	"log/slog"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/faqbot/faqbot/internal/faq"
	"github.com/faqbot/faqbot/internal/faqtest"
	"github.com/faqbot/faqbot/internal/search"
)

// honeyFAQ is the question of the entry written by honeyDoc.
const honeyFAQ = "How Long Does Honey Keep?"

// honeyDoc is a small content file about honey, version n of it.
func honeyDoc(n int) string {
	return "---\ntitle: Honey\n---\n\n## Frequently Asked Questions\n\n### " + honeyFAQ + "\n\n" +
		"Version " + string(rune('0'+n)) + ": sealed honey keeps for years in a cool cupboard.\n"
}

// TestRollbackTwice builds three versions of the content and rolls back twice in a
// row: two builds back, each time saying to which build; a third rollback has none
// to go to. The content rolled back from is not built again at the next start.
func TestRollbackTwice(t *testing.T) {
	s, cfg := openSeed(t)
	first := builtFrom(t, s)
	var built []time.Time
	for n := 1; n <= 2; n++ {
		faqtest.WriteFile(t, filepath.Join(cfg.ContentDir, "honey.md"), honeyDoc(n))
		if _, err := s.Reindex(context.Background()); err != nil {
			t.Fatal(err)
		}
		built = append(built, s.Status().Built)
	}
	third := builtFrom(t, s)

	r, err := s.Rollback(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	if !r.Built.Equal(built[0]) || !r.From.Equal(built[1]) || r.Documents != 2 || r.Passages != s.Status().Passages {
		t.Errorf("first rollback = %+v; want to the build of %v from that of %v", r, built[0], built[1])
	}
	if got := entryText(t, s, honeyFAQ); got[:9] != "Version 1" {
		t.Errorf("after one rollback the honey entry says %q; want version 1", got)
	}
	r, err = s.Rollback(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	if builtFrom(t, s) != first || !r.From.Equal(built[0]) || r.Documents != 1 {
		t.Errorf("second rollback = %+v, serving %s; want the first build %s", r, builtFrom(t, s), first)
	}
	if got := best(t, s, "how long does honey keep"); got == honeyFAQ {
		t.Error("after two rollbacks the honey entry still answers; want the build without it")
	}
	if _, err := s.Rollback(context.Background()); !errors.Is(err, ErrNoEarlierBuild) {
		t.Errorf("third rollback: %v; want ErrNoEarlierBuild", err)
	}
	if dirs := buildDirs(t, cfg.IndexDir); len(dirs) != 3 {
		t.Errorf("builds = %v; want all three still on disk until the next build", dirs)
	}

	// A restart answers from the build rolled back to: the content is held.
	s.Close()
	if got := builtFrom(t, open(t, cfg)); got != first {
		t.Errorf("restart after the rollbacks serves %s; want %s, not a rebuild", got, first)
	}
	// The next build removes the builds rolled back from.
	s2 := open(t, cfg)
	if _, err := s2.Reindex(context.Background()); err != nil {
		t.Fatal(err)
	}
	for _, d := range buildDirs(t, cfg.IndexDir) {
		if d == third {
			t.Errorf("the build rolled back from is still there after the next build: %s", d)
		}
	}
}

// entryText is the text of the entry that answers question.
func entryText(t *testing.T, s *Store, question string) string {
	t.Helper()
	m, err := s.Find(context.Background(), question, 4)
	if err != nil || m.Verdict != faq.VerdictAnswer {
		t.Fatalf("Find(%q) = %v, %v; want an answer", question, m.Verdict, err)
	}
	return m.Entries[0].Text
}

// TestWatchFollowsAnotherProcess: a Store watching the content serves the build
// another Store over the same index directory put in service — its reindex, and its
// rollback — without building it again.
func TestWatchFollowsAnotherProcess(t *testing.T) {
	watching, cfg := openSeed(t)
	other := open(t, cfg)
	ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
	defer cancel()
	await := func(what string, want string) {
		t.Helper()
		for !watching.serving(want) {
			select {
			case <-ctx.Done():
				t.Fatalf("the watching Store did not follow %s", what)
			case <-time.After(5 * time.Millisecond): // poll, within ctx's deadline
			}
		}
	}
	faqtest.WriteFile(t, filepath.Join(cfg.ContentDir, "honey.md"), honeyDoc(1))
	if _, err := other.Reindex(ctx); err != nil {
		t.Fatal(err)
	}
	// Started once the other's build is in place: the content has changed, and
	// the watch must not build it again.
	reindexes := make(chan struct{}, 10)
	go watching.Watch(ctx, 5*time.Millisecond, func(context.Context) error {
		reindexes <- struct{}{}
		return nil
	})
	await("the other's reindex", builtFrom(t, other))
	if got := best(t, watching, "how long does honey keep"); got != honeyFAQ {
		t.Errorf("after following a reindex: %s; want the honey entry", got)
	}
	if _, err := other.Rollback(ctx); err != nil {
		t.Fatal(err)
	}
	await("the other's rollback", builtFrom(t, other))
	select {
	case <-reindexes:
		t.Error("the watching Store reindexed; want it to follow the other's builds")
	default:
	}
}

// TestHeldContentIsNotRebuilt: content that failed its build is not built again at
// the next start (one warning, the last good build answers) until it changes; an
// explicit reindex still tries it.
func TestHeldContentIsNotRebuilt(t *testing.T) {
	s, cfg := openSeed(t)
	good := builtFrom(t, s)
	faqtest.WriteFile(t, filepath.Join(cfg.ContentDir, "broken.md"), "no front matter\n")
	if _, err := s.Reindex(context.Background()); err == nil {
		t.Fatal("reindex of broken content succeeded")
	}
	s.Close()
	for range 2 {
		backend := &countingBackend{}
		var logs bytes.Buffer
		s, err := New(cfg, backend, slog.New(slog.NewTextHandler(&logs, nil)))
		if err != nil {
			t.Fatal(err)
		}
		if err := s.Load(context.Background()); err != nil {
			t.Fatal(err)
		}
		if backend.builds != 0 || builtFrom(t, s) != good {
			t.Errorf("start with held content: %d builds, serving %s; want none, %s", backend.builds, builtFrom(t, s), good)
		}
		if n := strings.Count(logs.String(), "the content failed to build"); n != 1 {
			t.Errorf("start with held content logged %d warnings; want 1:\n%s", n, logs.String())
		}
		if _, err := s.Reindex(context.Background()); err == nil || backend.builds != 0 {
			// The content is read and refused before the ranker builds anything.
			t.Errorf("explicit reindex of held content: %v; want it tried and refused", err)
		}
		s.Close()
	}
	faqtest.WriteFile(t, filepath.Join(cfg.ContentDir, "broken.md"), "---\ntitle: Fixed\n---\n\nFixed now.\n")
	if got := builtFrom(t, open(t, cfg)); got == good {
		t.Error("start with the content fixed did not build it")
	}
}

// countingBackend is the search backend counting its builds.
type countingBackend struct {
	search.Backend
	builds int
}

func (c *countingBackend) Build(ctx context.Context, dir string, lib faq.Library) (faq.Ranker, error) {
	c.builds++
	return c.Backend.Build(ctx, dir, lib)
}
