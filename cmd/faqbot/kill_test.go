package main

import (
	"context"
	"encoding/json"
	"math/rand/v2"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/faqbot/faqbot/internal/faqtest/medquadtest"
	"github.com/faqbot/faqbot/internal/index"
)

// childArgs, when set, makes the test binary run faqbot with these arguments
// (separated by newlines) instead of the tests: a faqbot process a test can kill.
const childArgs = "FAQBOT_TEST_RUN_ARGS"

// TestKillIndexMedQuAD kills `faqbot index -force` processes with SIGKILL at random
// moments of their build of MedQuAD: after each kill `faqbot ask` still answers,
// at most the kept builds and the killed one are on disk, and after one more build
// at most the kept builds. It kills FAQBOT_KILLS processes (the figure in the docs is
// of 20), and skips without FAQBOT_KILLS, without the MedQuAD corpus or with -short.
func TestKillIndexMedQuAD(t *testing.T) {
	if args := os.Getenv(childArgs); args != "" {
		err := run(context.Background(), strings.Split(args, "\n"), os.Getenv, os.Stdin, os.Stdout, os.Stderr)
		if err != nil {
			t.Fatal(err)
		}
		return
	}
	// Each kill costs a MedQuAD build (seconds): the suite leaves it to be asked for.
	// internal/index's TestKilledBuildIsRemovedAtTheNextBuild kills a small build on
	// every run.
	kills, err := strconv.Atoi(os.Getenv("FAQBOT_KILLS"))
	if err != nil || kills < 1 || testing.Short() {
		t.Skip("set FAQBOT_KILLS=20 to kill that many builds of MedQuAD at random moments")
	}
	e := env{"CONTENT_DIR": medquadtest.Content(t), "INDEX_DIR": filepath.Join(t.TempDir(), "index")}
	start := time.Now()
	if _, stderr, err := runFaqbot(t, e, "", "index", "-force"); err != nil {
		t.Fatalf("first build: %v\n%s", err, stderr)
	}
	took := time.Since(start)
	keep := index.DefaultKeepBuilds
	completed, most := 0, 0
	for i := range kills {
		cmd := exec.Command(os.Args[0], "-test.run=^TestKillIndexMedQuAD$")
		cmd.Env = append(os.Environ(), childArgs+"=index\n-force", "CONTENT_DIR="+e["CONTENT_DIR"], "INDEX_DIR="+e["INDEX_DIR"])
		if err := cmd.Start(); err != nil {
			t.Fatal(err)
		}
		exited := make(chan error, 1)
		go func() { exited <- cmd.Wait() }()
		select {
		case err := <-exited: // finished before its moment came
			if err != nil {
				t.Fatalf("kill %d: the build failed: %v", i+1, err)
			}
			completed++
		case <-time.After(rand.N(took * 6 / 5)):
			cmd.Process.Kill()
			<-exited
		}
		out, stderr, err := runFaqbot(t, e, "", "ask", "-json", "What are the symptoms of glaucoma?")
		var a struct{ Kind string }
		if err != nil || json.Unmarshal([]byte(out), &a) != nil || a.Kind == "" {
			t.Fatalf("ask after kill %d = %q, %v\n%s; want an answer", i+1, out, err, stderr)
		}
		n := len(buildDirs(t, e["INDEX_DIR"]))
		most = max(most, n)
		if n > keep+1 {
			t.Errorf("after kill %d: %d builds on disk; want at most %d kept and the one killed", i+1, n, keep)
		}
	}
	if _, stderr, err := runFaqbot(t, e, "", "index", "-force"); err != nil {
		t.Fatalf("build after the kills: %v\n%s", err, stderr)
	}
	dirs := buildDirs(t, e["INDEX_DIR"])
	if len(dirs) > keep {
		t.Errorf("after a build following the kills: %d builds on disk; want at most %d", len(dirs), keep)
	}
	t.Logf("%d kills (%d of the builds finished before their moment came) of builds taking %v: ask answered after every one; "+
		"at most %d builds on disk meanwhile, %d after the next build, %s in all",
		kills, completed, took.Round(100*time.Millisecond), most, len(dirs), diskUse(t, e["INDEX_DIR"]))
}

// buildDirs lists the build directories in indexDir.
func buildDirs(t *testing.T, indexDir string) []string {
	t.Helper()
	dirs, err := filepath.Glob(filepath.Join(indexDir, "build-*"))
	if err != nil {
		t.Fatal(err)
	}
	return dirs
}

// diskUse is the size of the files under dir, in MB.
func diskUse(t *testing.T, dir string) string {
	var n int64
	filepath.Walk(dir, func(_ string, info os.FileInfo, err error) error {
		if err == nil && !info.IsDir() {
			n += info.Size()
		}
		return nil
	})
	return strconv.FormatInt(n>>20, 10) + " MB"
}
