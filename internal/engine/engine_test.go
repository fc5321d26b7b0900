package engine

import (
	"context"
	"errors"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"

	"github.com/faqbot/faqbot/internal/faq"
)

// repoContent is the content shipped in the repository.
const repoContent = "../../content"

// copyDir copies the regular files of src (recursively) into dst.
func copyDir(t testing.TB, src, dst string) {
	t.Helper()
	err := filepath.WalkDir(src, func(path string, d os.DirEntry, err error) error {
		if err != nil {
			return err
		}
		rel, _ := filepath.Rel(src, path)
		if d.IsDir() {
			return os.MkdirAll(filepath.Join(dst, rel), 0o755)
		}
		b, err := os.ReadFile(path)
		if err != nil {
			return err
		}
		return os.WriteFile(filepath.Join(dst, rel), b, 0o644)
	})
	if err != nil {
		t.Fatal(err)
	}
}

// openSeed opens an engine over a temporary copy of the shipped content.
func openSeed(t testing.TB) (*Engine, Config) {
	t.Helper()
	dir := t.TempDir()
	cfg := Config{ContentDir: filepath.Join(dir, "content"), IndexDir: filepath.Join(dir, "index")}
	copyDir(t, repoContent, cfg.ContentDir)
	e, err := Open(context.Background(), cfg, nil)
	if err != nil {
		t.Fatalf("Open: %v", err)
	}
	t.Cleanup(func() { e.Close() })
	return e, cfg
}

func TestAnswerSeedFAQ(t *testing.T) {
	e, _ := openSeed(t)
	a, err := e.Answer(context.Background(), "Can I drink alcohol while on ketamine therapy?")
	if err != nil {
		t.Fatal(err)
	}
	if a.Kind != faq.KindAnswer || a.Title != "Can I Drink Alcohol While Undergoing Ketamine Therapy?" {
		t.Fatalf("Answer = %s %q; want the alcohol FAQ entry", a.Kind, a.Title)
	}
	if !strings.Contains(a.Text, "avoid alcohol") {
		t.Errorf("Text = %q; want the FAQ answer", a.Text)
	}
	if len(a.References) != 8 {
		t.Errorf("References = %d; want 8", len(a.References))
	}
	if a.Disclaimer != DefaultDisclaimer {
		t.Errorf("Disclaimer = %q; want the default", a.Disclaimer)
	}
	if a.Score <= 0 || a.Reviewed.IsZero() || a.Document == "" {
		t.Errorf("Score %v, Reviewed %v, Document %q; want all set", a.Score, a.Reviewed, a.Document)
	}
}

func TestAnswerKinds(t *testing.T) {
	e, _ := openSeed(t)
	tests := []struct {
		question string
		want     faq.Kind
	}{
		{"I want to kill myself", faq.KindCrisis},
		{"What is the capital of France?", faq.KindNoAnswer},
		{"How long does ketamine take to work?", faq.KindAnswer},
	}
	for _, tt := range tests {
		a, err := e.Answer(context.Background(), tt.question)
		if err != nil {
			t.Fatal(err)
		}
		if a.Kind != tt.want {
			t.Errorf("Answer(%q).Kind = %s (%q); want %s", tt.question, a.Kind, a.Title, tt.want)
		}
		if a.Kind == faq.KindCrisis && (a.Title != "" || a.PassageID != "" || !strings.Contains(a.Text, "988")) {
			t.Errorf("crisis answer = %+v; want resources and no passage", a)
		}
		if a.Kind == faq.KindNoAnswer && (a.PassageID != "" || a.Disclaimer == "") {
			t.Errorf("no_answer = %+v; want no passage and a disclaimer", a)
		}
	}
}

func TestBadQuestions(t *testing.T) {
	e, _ := openSeed(t)
	tests := []string{
		"",
		"   \t\n ",
		strings.Repeat("ketamine ", 1200),
		strings.Repeat("x", 10000),
		"?!?!...;;;",
		"+title:x -y* ~2 ^5",
		`title:"alcohol" AND body:ketamine~2`,
		"\xff\xfe invalid utf8 \xc3",
		"* ? ( ) [ ] { } \\ / : ^ ~",
	}
	for _, q := range tests {
		a, err := e.Answer(context.Background(), q)
		if err != nil {
			t.Errorf("Answer(%.40q) error: %v", q, err)
			continue
		}
		if a.Kind == faq.KindAnswer && q != strings.Repeat("ketamine ", 1200) {
			t.Errorf("Answer(%.40q) = answer %q; want no_answer", q, a.Title)
		}
	}
}

func TestPassageDisclaimerOverride(t *testing.T) {
	dir := t.TempDir()
	cfg := Config{ContentDir: filepath.Join(dir, "content"), IndexDir: filepath.Join(dir, "index"), Disclaimer: "Configured."}
	copyDir(t, repoContent, cfg.ContentDir)
	writeFile(t, filepath.Join(cfg.ContentDir, "bees.md"), beesDoc("Ask a beekeeper."))
	e, err := Open(context.Background(), cfg, nil)
	if err != nil {
		t.Fatal(err)
	}
	defer e.Close()
	a, _ := e.Answer(context.Background(), "how do honey bees make honey")
	if a.Kind != faq.KindAnswer || a.Disclaimer != "Ask a beekeeper." {
		t.Errorf("bees answer = %s %q disclaimer %q; want the document's disclaimer", a.Kind, a.Title, a.Disclaimer)
	}
	a, _ = e.Answer(context.Background(), "can I drink alcohol on ketamine")
	if a.Disclaimer != "Configured." {
		t.Errorf("disclaimer = %q; want the configured one", a.Disclaimer)
	}
	p, err := e.Passage(context.Background(), a.PassageID)
	if err != nil || p.Title != a.Title {
		t.Errorf("Passage(%q) = %q, %v; want %q", a.PassageID, p.Title, err, a.Title)
	}
	if _, err := e.Passage(context.Background(), "nope#nope"); !errors.Is(err, ErrNotFound) {
		t.Errorf("Passage(unknown) error = %v; want ErrNotFound", err)
	}
}

func writeFile(t testing.TB, path, s string) {
	t.Helper()
	if err := os.WriteFile(path, []byte(s), 0o644); err != nil {
		t.Fatal(err)
	}
}

func beesDoc(disclaimer string) string {
	d := ""
	if disclaimer != "" {
		d = "disclaimer: " + disclaimer + "\n"
	}
	return "---\ntitle: Honey Bees\n" + d + "---\n\n## Frequently Asked Questions\n\n" +
		"### How Do Honey Bees Make Honey?\n\nHoney bees collect nectar from flowers and store it in the hive, " +
		"where they evaporate the water from it until it becomes honey.\n"
}

func TestReindexSwapsAndKeepsOldOnBadContent(t *testing.T) {
	e, cfg := openSeed(t)
	ctx := context.Background()
	if a, _ := e.Answer(ctx, "how do honey bees make honey"); a.Kind != faq.KindNoAnswer {
		t.Fatalf("before adding: %s %q; want no_answer", a.Kind, a.Title)
	}
	writeFile(t, filepath.Join(cfg.ContentDir, "bees.md"), beesDoc(""))
	r, err := e.Reindex(ctx)
	if err != nil {
		t.Fatal(err)
	}
	if len(r.Added) != 1 || r.Added[0] != "How Do Honey Bees Make Honey?" || r.Documents != 2 {
		t.Errorf("report = %+v; want one added passage, 2 documents", r)
	}
	if a, _ := e.Answer(ctx, "how do honey bees make honey"); a.Kind != faq.KindAnswer {
		t.Fatalf("after adding: %s; want answer", a.Kind)
	}

	writeFile(t, filepath.Join(cfg.ContentDir, "broken.md"), "---\ntitle: [unclosed\n---\n\n## A\n\ntext\n")
	_, err = e.Reindex(ctx)
	if err == nil || !strings.Contains(err.Error(), "broken.md") {
		t.Fatalf("Reindex with broken content: err = %v; want an error naming broken.md", err)
	}
	if a, _ := e.Answer(ctx, "how do honey bees make honey"); a.Kind != faq.KindAnswer {
		t.Errorf("after failed reindex: %s; want the old index still answering", a.Kind)
	}

	// A new engine over the same index directory serves the last good build.
	e.Close()
	e2, err := Open(ctx, cfg, nil)
	if err != nil {
		t.Fatalf("reopen with broken content and a good build: %v", err)
	}
	defer e2.Close()
	if a, _ := e2.Answer(ctx, "how do honey bees make honey"); a.Kind != faq.KindAnswer {
		t.Errorf("reopened: %s; want the last good build", a.Kind)
	}
}

func TestReindexConcurrent(t *testing.T) {
	e, _ := openSeed(t)
	ctx := context.Background()
	start := make(chan struct{})
	var wg sync.WaitGroup
	var mu sync.Mutex
	errs := map[error]int{}
	for range 4 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			<-start
			_, err := e.Reindex(ctx)
			mu.Lock()
			errs[err]++
			mu.Unlock()
		}()
	}
	answered := make(chan error, 50)
	for range 50 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			<-start
			a, err := e.Answer(ctx, "how long does ketamine take to work")
			if err == nil && a.Kind != faq.KindAnswer {
				err = errors.New("not answered: " + string(a.Kind))
			}
			answered <- err
		}()
	}
	close(start)
	wg.Wait()
	close(answered)
	for err := range answered {
		if err != nil {
			t.Errorf("question during reindex: %v", err)
		}
	}
	for err, n := range errs {
		if err != nil && !errors.Is(err, faq.ErrReindexRunning) {
			t.Errorf("Reindex error %v (x%d)", err, n)
		}
	}
	if errs[nil] < 1 {
		t.Errorf("no reindex succeeded: %v", errs)
	}
}

func TestOpenSkipsRebuildWhenUnchanged(t *testing.T) {
	e, cfg := openSeed(t)
	e.mu.RLock()
	first := e.st.build
	e.mu.RUnlock()
	e.Close()
	e2, err := Open(context.Background(), cfg, nil)
	if err != nil {
		t.Fatal(err)
	}
	defer e2.Close()
	if e2.st.build != first {
		t.Errorf("reopen built %s; want the existing build %s reused", e2.st.build, first)
	}
}

func TestInterruptedBuildLeavesOldIndex(t *testing.T) {
	e, cfg := openSeed(t)
	e.Close()
	// A process killed mid-reindex leaves a partial build directory behind.
	partial := filepath.Join(cfg.IndexDir, buildPrefix+"20260101T000000-killed")
	if err := os.MkdirAll(filepath.Join(partial, bleveDir), 0o755); err != nil {
		t.Fatal(err)
	}
	writeFile(t, filepath.Join(partial, bleveDir, "garbage"), "half written")
	e2, err := Open(context.Background(), cfg, nil)
	if err != nil {
		t.Fatal(err)
	}
	defer e2.Close()
	if a, _ := e2.Answer(context.Background(), "how long does ketamine take to work"); a.Kind != faq.KindAnswer {
		t.Errorf("after a killed build: %s; want answers from the last good build", a.Kind)
	}
	// A cancelled reindex leaves the index in service and no new build behind.
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	if _, err := e2.Reindex(ctx); err == nil {
		t.Fatal("Reindex with a cancelled context succeeded")
	}
	if !e2.Ready() {
		t.Error("engine not ready after a cancelled reindex")
	}
}
