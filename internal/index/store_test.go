package index

import (
	"context"
	"errors"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/faqbot/faqbot/internal/faq"
	"github.com/faqbot/faqbot/internal/faqtest"
	"github.com/faqbot/faqbot/internal/search"
)

const (
	alcoholFAQ = "Can I Drink Alcohol While Undergoing Ketamine Therapy?"
	beesFAQ    = "How Do Honey Bees Make Honey?"
)

// open returns a Store over cfg with a build in service (Load), closed at the end.
func open(t testing.TB, cfg Config) *Store {
	t.Helper()
	s, err := New(cfg, search.Backend{}, nil)
	if err != nil {
		t.Fatal(err)
	}
	if err := s.Load(context.Background()); err != nil {
		t.Fatalf("Load: %v", err)
	}
	t.Cleanup(func() { s.Close() })
	return s
}

// openSeed opens a Store over a temporary copy of the shipped content.
func openSeed(t testing.TB) (*Store, Config) {
	t.Helper()
	cfg := Config{ContentDir: faqtest.Content(t), IndexDir: filepath.Join(t.TempDir(), "index")}
	return open(t, cfg), cfg
}

// best returns the title of the answer Find gives question, or its verdict.
func best(t testing.TB, s *Store, question string) string {
	t.Helper()
	m, err := s.Find(context.Background(), question, 4)
	if err != nil {
		t.Fatalf("Find(%q): %v", question, err)
	}
	if m.Verdict != faq.VerdictAnswer {
		return string(m.Verdict)
	}
	return m.Entries[0].Passage.Title
}

// builtFrom returns the build in service.
func builtFrom(t *testing.T, s *Store) string {
	t.Helper()
	s.mu.RLock()
	defer s.mu.RUnlock()
	if s.st == nil {
		t.Fatal("no build in service")
	}
	return s.st.dir
}

func TestFindResolvesPassages(t *testing.T) {
	s, _ := openSeed(t)
	m, err := s.Find(context.Background(), "Can I drink alcohol while on ketamine therapy?", 4)
	if err != nil {
		t.Fatal(err)
	}
	if m.Verdict != faq.VerdictAnswer || len(m.Entries) < 2 {
		t.Fatalf("Find = %s with %d entries; want an answer and runners-up", m.Verdict, len(m.Entries))
	}
	first := m.Entries[0]
	if first.Passage.Title != alcoholFAQ || !strings.Contains(first.Text, "avoid alcohol") ||
		first.Document.Title != "Ketamine and Antidepressants" || len(first.Document.References) != 8 || first.Score <= 0 {
		t.Errorf("first entry = %q in %q, %d references, score %v, text %.40q; want the alcohol FAQ with its text",
			first.Passage.Title, first.Document.Title, len(first.Document.References), first.Score, first.Text)
	}
	if m.Entries[1].Text != "" {
		t.Error("a runner-up carries its text; only the answer's is read")
	}
	if got := best(t, s, "how do I bake sourdough bread"); got != string(faq.VerdictNotCovered) {
		t.Errorf("off-topic question = %s; want not covered", got)
	}
	if _, err := s.Entry("nope#nope"); !errors.Is(err, ErrNotFound) {
		t.Errorf("Entry(unknown) error = %v; want ErrNotFound", err)
	}
	st := s.Status()
	if !st.Ready || st.Documents != 1 || st.Passages < 10 || st.Built.IsZero() {
		t.Errorf("Status = %+v; want ready with the seed's document and passages", st)
	}
}

func TestNoBuildAndClosed(t *testing.T) {
	dir := t.TempDir()
	s, err := New(Config{ContentDir: faqtest.Content(t), IndexDir: filepath.Join(dir, "index")}, search.Backend{}, nil)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := s.Find(context.Background(), "ketamine", 4); !errors.Is(err, ErrNoIndex) {
		t.Errorf("Find before any build: %v; want ErrNoIndex", err)
	}
	if s.Status().Ready {
		t.Error("ready with no build")
	}
	if err := s.Load(context.Background()); err != nil {
		t.Fatal(err)
	}
	s.Close()
	if _, err := s.Find(context.Background(), "ketamine", 4); !errors.Is(err, ErrClosed) {
		t.Errorf("Find after Close: %v; want ErrClosed", err)
	}
	if _, err := s.Reindex(context.Background()); !errors.Is(err, ErrClosed) {
		t.Errorf("Reindex after Close: %v; want ErrClosed", err)
	}
}

func TestNoContentDirectory(t *testing.T) {
	dir := t.TempDir()
	s, err := New(Config{ContentDir: filepath.Join(dir, "content"), IndexDir: filepath.Join(dir, "index")}, search.Backend{}, nil)
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	err = s.Load(context.Background())
	if !errors.Is(err, ErrNoContent) || !strings.Contains(err.Error(), "CONTENT_DIR") {
		t.Errorf("Load without a content directory: %v; want ErrNoContent saying how to set it", err)
	}
}

func TestReindexSwapsAndKeepsOldOnBadContent(t *testing.T) {
	s, cfg := openSeed(t)
	ctx := context.Background()
	if got := best(t, s, "how do honey bees make honey"); got == beesFAQ {
		t.Fatalf("before adding: %s", got)
	}
	faqtest.WriteFile(t, filepath.Join(cfg.ContentDir, "bees.md"), faqtest.BeesDoc(""))
	r, err := s.Reindex(ctx)
	if err != nil {
		t.Fatal(err)
	}
	if r.First || len(r.Added) != 1 || r.Added[0] != beesFAQ || r.Documents != 2 {
		t.Errorf("report = %+v; want one added passage, 2 documents", r)
	}
	if got := best(t, s, "how do honey bees make honey"); got != beesFAQ {
		t.Fatalf("after adding: %s; want the bees entry", got)
	}

	faqtest.WriteFile(t, filepath.Join(cfg.ContentDir, "broken.md"), "---\ntitle: [unclosed\n---\n\n## A\n\ntext\n")
	_, err = s.Reindex(ctx)
	var ce *ContentError
	if !errors.As(err, &ce) || !strings.Contains(err.Error(), "broken.md") {
		t.Fatalf("Reindex with broken content: err = %v; want a ContentError naming broken.md", err)
	}
	if got := best(t, s, "how do honey bees make honey"); got != beesFAQ {
		t.Errorf("after failed reindex: %s; want the old index still answering", got)
	}

	// A new Store over the same index directory serves the last good build.
	s.Close()
	s2 := open(t, cfg)
	if got := best(t, s2, "how do honey bees make honey"); got != beesFAQ {
		t.Errorf("reopened: %s; want the last good build", got)
	}
}

func TestFirstReindexReportsNoChanges(t *testing.T) {
	dir := t.TempDir()
	s, err := New(Config{ContentDir: faqtest.Content(t), IndexDir: filepath.Join(dir, "index")}, search.Backend{}, nil)
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	r, err := s.Reindex(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	if !r.First || len(r.Added) != 0 {
		t.Errorf("first build report = %+v; want First and no changes listed", r)
	}
	if sum := r.Summary(); !strings.HasPrefix(sum, "Indexed 1 document, ") || strings.Contains(sum, "Added") {
		t.Errorf("first build summary = %q", sum)
	}
}

func TestReindexConcurrent(t *testing.T) {
	s, _ := openSeed(t)
	ctx := context.Background()
	start := make(chan struct{})
	var wg sync.WaitGroup
	var mu sync.Mutex
	errs := map[error]int{}
	for range 4 {
		wg.Go(func() {
			<-start
			_, err := s.Reindex(ctx)
			mu.Lock()
			errs[err]++
			mu.Unlock()
		})
	}
	found := make(chan string, 50)
	for range 50 {
		wg.Go(func() {
			<-start
			found <- best(t, s, "how long does ketamine take to work")
		})
	}
	close(start)
	wg.Wait()
	close(found)
	for got := range found {
		if got != "How Long Does It Take for Ketamine to Work?" {
			t.Errorf("question during reindex: %s", got)
		}
	}
	for err, n := range errs {
		if err != nil && !errors.Is(err, ErrReindexRunning) {
			t.Errorf("Reindex error %v (x%d)", err, n)
		}
	}
	if errs[nil] < 1 {
		t.Errorf("no reindex succeeded: %v", errs)
	}
}

func TestLoadSkipsRebuildWhenUnchanged(t *testing.T) {
	s, cfg := openSeed(t)
	first := builtFrom(t, s)
	s.Close()
	if got := builtFrom(t, open(t, cfg)); got != first {
		t.Errorf("reopen built %s; want the existing build %s reused", got, first)
	}
}

func TestInterruptedBuildLeavesOldIndex(t *testing.T) {
	s, cfg := openSeed(t)
	s.Close()
	// A process killed mid-reindex leaves a partial build directory behind.
	partial := filepath.Join(cfg.IndexDir, buildPrefix+"20260101T000000-killed")
	if err := os.MkdirAll(filepath.Join(partial, rankerDir), 0o755); err != nil {
		t.Fatal(err)
	}
	faqtest.WriteFile(t, filepath.Join(partial, rankerDir, "garbage"), "half written")
	s2 := open(t, cfg)
	if got := best(t, s2, "how long does ketamine take to work"); got != "How Long Does It Take for Ketamine to Work?" {
		t.Errorf("after a killed build: %s; want answers from the last good build", got)
	}
	// A cancelled reindex leaves the index in service and no new build behind.
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	if _, err := s2.Reindex(ctx); err == nil {
		t.Fatal("Reindex with a cancelled context succeeded")
	}
	if !s2.Status().Ready {
		t.Error("not ready after a cancelled reindex")
	}
}

// TestWatchReindexesSettledChanges: the watcher calls reindex once a change has
// stayed unchanged for one more tick, and does not retry content that failed.
func TestWatchReindexesSettledChanges(t *testing.T) {
	s, cfg := openSeed(t)
	ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
	defer cancel()
	calls := make(chan error, 10)
	reindex := func(ctx context.Context) error {
		_, err := s.Reindex(ctx)
		calls <- err
		return err
	}
	watchCtx, stop := context.WithCancel(ctx)
	done := make(chan struct{})
	go func() {
		defer close(done)
		s.Watch(watchCtx, 5*time.Millisecond, reindex)
	}()
	faqtest.WriteFile(t, filepath.Join(cfg.ContentDir, "bees.md"), faqtest.BeesDoc(""))
	select {
	case err := <-calls:
		if err != nil {
			t.Fatalf("watch reindex: %v", err)
		}
	case <-ctx.Done():
		t.Fatal("the watcher did not reindex after a change")
	}
	if got := best(t, s, "how do honey bees make honey"); got != beesFAQ {
		t.Errorf("after the watcher's reindex: %s; want the bees entry", got)
	}
	faqtest.WriteFile(t, filepath.Join(cfg.ContentDir, "broken.md"), "no front matter\n")
	select {
	case err := <-calls:
		if err == nil {
			t.Fatal("reindex of broken content succeeded")
		}
	case <-ctx.Done():
		t.Fatal("the watcher did not try the broken content")
	}
	// Not retried: the next reindex is of the content fixed.
	faqtest.WriteFile(t, filepath.Join(cfg.ContentDir, "broken.md"), "---\ntitle: Fixed\n---\n\nNow with front matter.\n")
	select {
	case err := <-calls:
		if err != nil {
			t.Errorf("after the broken file was fixed: %v; want the fixed content indexed, not the broken one retried", err)
		}
	case <-ctx.Done():
		t.Fatal("the watcher did not reindex the fixed content")
	}
	stop()
	<-done
}
