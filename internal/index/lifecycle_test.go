package index

import (
	"bufio"
	"context"
	"fmt"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/faqbot/faqbot/internal/faq"
	"github.com/faqbot/faqbot/internal/faqtest"
	"github.com/faqbot/faqbot/internal/search"
)

// buildDirs lists the build directories in indexDir, sorted.
func buildDirs(t testing.TB, indexDir string) []string {
	t.Helper()
	all, err := listBuilds(indexDir)
	if err != nil {
		t.Fatal(err)
	}
	var dirs []string
	for _, b := range all {
		dirs = append(dirs, b.dir)
	}
	slices.Sort(dirs)
	return dirs
}

// stuckBackend is the search backend with builds that never end: a build process
// using it is killed mid-build.
type stuckBackend struct{ search.Backend }

func (stuckBackend) Build(ctx context.Context, dir string, lib faq.Library) (faq.Ranker, error) {
	<-ctx.Done()
	return nil, ctx.Err()
}

// The child processes the tests start: the test binary run again with childEnv set
// to what it is to do with the content and index directories in childContent and
// childIndex.
const (
	childEnv     = "FAQBOT_INDEX_TEST_CHILD"
	childContent = "FAQBOT_INDEX_TEST_CONTENT"
	childIndex   = "FAQBOT_INDEX_TEST_INDEX"
)

// runChild does in the child process what childEnv says: "build" starts a build
// that never ends; "serve" opens the build in service and says "serving", then
// keeps it until its standard input closes.
func runChild(t *testing.T) {
	cfg := Config{ContentDir: os.Getenv(childContent), IndexDir: os.Getenv(childIndex)}
	switch os.Getenv(childEnv) {
	case "build":
		s, err := New(cfg, stuckBackend{}, nil)
		if err != nil {
			t.Fatal(err)
		}
		s.Reindex(context.Background())
	case "serve":
		s, err := New(cfg, search.Backend{}, nil)
		if err != nil {
			t.Fatal(err)
		}
		if err := s.Open(); err != nil || !s.Status().Ready {
			t.Fatalf("child: no build in service: %v", err)
		}
		fmt.Println("serving")
		io.Copy(io.Discard, os.Stdin)
		s.Close()
	}
}

// startChild starts the test binary again as a child doing what (see runChild) over
// cfg's directories, and returns it with its standard input and output.
func startChild(t *testing.T, test, what string, cfg Config) (*exec.Cmd, io.WriteCloser, *bufio.Reader) {
	t.Helper()
	cmd := exec.Command(os.Args[0], "-test.run=^"+test+"$")
	cmd.Env = append(os.Environ(), childEnv+"="+what, childContent+"="+cfg.ContentDir, childIndex+"="+cfg.IndexDir)
	stdin, err := cmd.StdinPipe()
	if err != nil {
		t.Fatal(err)
	}
	stdout, err := cmd.StdoutPipe()
	if err != nil {
		t.Fatal(err)
	}
	cmd.Stderr = os.Stderr
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() {
		cmd.Process.Kill()
		cmd.Wait()
	})
	return cmd, stdin, bufio.NewReader(stdout)
}

// TestKilledBuildIsRemovedAtTheNextBuild kills a process mid-build (SIGKILL, once
// its build directory exists): the build in service still answers, and the next
// build removes the killed one's directory at once.
func TestKilledBuildIsRemovedAtTheNextBuild(t *testing.T) {
	if os.Getenv(childEnv) != "" {
		runChild(t)
		return
	}
	s, cfg := openSeed(t)
	served := builtFrom(t, s)
	cmd, _, _ := startChild(t, "TestKilledBuildIsRemovedAtTheNextBuild", "build", cfg)
	deadline := time.Now().Add(30 * time.Second)
	var killed string
	for killed == "" {
		if time.Now().After(deadline) {
			t.Fatal("the child made no build directory")
		}
		for _, d := range buildDirs(t, cfg.IndexDir) {
			if d != served {
				killed = d
			}
		}
		if killed == "" {
			time.Sleep(5 * time.Millisecond) // polling the directory, with the deadline above
		}
	}
	if err := cmd.Process.Kill(); err != nil {
		t.Fatal(err)
	}
	cmd.Wait()
	if got := best(t, s, "how long does ketamine take to work"); got != "How Long Does It Take for Ketamine to Work?" {
		t.Errorf("after the kill: %s; want the build in service answering", got)
	}
	if _, err := s.Reindex(context.Background()); err != nil {
		t.Fatal(err)
	}
	if dirs := buildDirs(t, cfg.IndexDir); slices.Contains(dirs, killed) || len(dirs) != 2 {
		t.Errorf("builds after the next build = %v; want the new and the previous one, not the killed %s", dirs, killed)
	}
}

// TestServedBuildIsNotRemoved: a build another process serves is kept however many
// builds come after it, and removed by the first build after that process ends.
func TestServedBuildIsNotRemoved(t *testing.T) {
	if os.Getenv(childEnv) != "" {
		runChild(t)
		return
	}
	cfg := Config{ContentDir: faqtest.Content(t), IndexDir: filepath.Join(t.TempDir(), "index"), KeepBuilds: 1}
	s := open(t, cfg)
	first := builtFrom(t, s)
	cmd, stdin, stdout := startChild(t, "TestServedBuildIsNotRemoved", "serve", cfg)
	if line, err := stdout.ReadString('\n'); err != nil || strings.TrimSpace(line) != "serving" {
		t.Fatalf("child said %q, %v; want serving", line, err)
	}
	for range 3 {
		if _, err := s.Reindex(context.Background()); err != nil {
			t.Fatal(err)
		}
	}
	dirs := buildDirs(t, cfg.IndexDir)
	if !slices.Contains(dirs, first) || len(dirs) != 2 {
		t.Errorf("builds while another process serves %s = %v; want it and the one in service", filepath.Base(first), dirs)
	}
	stdin.Close()
	if err := cmd.Wait(); err != nil {
		t.Fatalf("child: %v", err)
	}
	if _, err := s.Reindex(context.Background()); err != nil {
		t.Fatal(err)
	}
	if dirs := buildDirs(t, cfg.IndexDir); slices.Contains(dirs, first) || len(dirs) != 1 {
		t.Errorf("builds once that process ended = %v; want only the one in service", dirs)
	}
}

// TestKeepBuilds: the newest good builds are kept, KeepBuilds of them; a build that
// failed is removed at once.
func TestKeepBuilds(t *testing.T) {
	cfg := Config{ContentDir: faqtest.Content(t), IndexDir: filepath.Join(t.TempDir(), "index"), KeepBuilds: 2}
	s := open(t, cfg)
	var made []string
	for range 3 {
		if _, err := s.Reindex(context.Background()); err != nil {
			t.Fatal(err)
		}
		made = append(made, builtFrom(t, s))
	}
	made = made[1:]
	slices.Sort(made)
	if dirs := buildDirs(t, cfg.IndexDir); !slices.Equal(dirs, made) {
		t.Errorf("builds = %v; want the last two %v", dirs, made)
	}
	faqtest.WriteFile(t, filepath.Join(cfg.ContentDir, "broken.md"), "no front matter\n")
	if _, err := s.Reindex(context.Background()); err == nil {
		t.Fatal("reindex of broken content succeeded")
	}
	if dirs := buildDirs(t, cfg.IndexDir); !slices.Equal(dirs, made) {
		t.Errorf("builds after a failed build = %v; want %v", dirs, made)
	}
}
