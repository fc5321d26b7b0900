package main

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"io"
	"io/fs"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"time"

	"github.com/faqbot/faqbot/internal/importer"
)

// phaseEnv, when set in the environment, makes the program run one phase (a child).
const phaseEnv = "FAQSCALE_PHASE"

// options are the orchestrator's flags.
type options struct {
	medquad   string
	content   string
	work      string
	keep      bool
	runs      int
	questions int
	seed      uint64
	profile   string
	answers   string
}

func run(ctx context.Context, args []string, stdout, stderr io.Writer) error {
	root := moduleRoot()
	fs := flag.NewFlagSet("faqscale", flag.ContinueOnError)
	fs.SetOutput(stderr)
	var o options
	fs.StringVar(&o.medquad, "medquad", filepath.Join(root, "..", "shared", "medquad", "corpus.jsonl"), "MedQuAD corpus (JSON Lines)")
	fs.StringVar(&o.content, "content", filepath.Join(root, "content"), "content indexed together with MedQuAD")
	fs.StringVar(&o.work, "work", "", "working directory for the content and index (default: a new temporary directory, removed afterwards); content already there is reused")
	fs.BoolVar(&o.keep, "keep", false, "keep the temporary working directory")
	fs.IntVar(&o.runs, "runs", 3, "how many times each phase runs; medians are reported")
	fs.IntVar(&o.questions, "questions", 1000, "how many questions are answered per serving run")
	fs.Uint64Var(&o.seed, "seed", 1, "seed of the question generator")
	fs.StringVar(&o.profile, "profile", "", "directory for CPU and heap profiles of the last build and serve runs")
	fs.StringVar(&o.answers, "answers", "", "write every question's outcome from the last serving run to this file: class, kind, passage, score, microseconds, question (TSV)")
	if err := fs.Parse(args); err != nil {
		return err
	}
	if fs.NArg() > 0 || o.runs < 1 || o.questions < 1 {
		return fmt.Errorf("usage: faqscale [flags]; -runs and -questions must be at least 1")
	}
	if _, err := os.Stat(o.medquad); err != nil {
		fmt.Fprintf(stdout, "skipping: MedQuAD corpus not available (%v)\n", err)
		return nil
	}

	work := o.work
	if work == "" {
		dir, err := os.MkdirTemp("", "faqscale-")
		if err != nil {
			return err
		}
		work = dir
		if !o.keep {
			defer os.RemoveAll(dir)
		}
	}
	contentDir := filepath.Join(work, "content")
	if _, err := os.Stat(contentDir); err == nil {
		fmt.Fprintf(stderr, "reusing the content in %s\n", contentDir)
	} else {
		start := time.Now()
		rep, err := prepareContent(ctx, o.content, o.medquad, contentDir)
		if err != nil {
			return err
		}
		fmt.Fprintf(stderr, "imported %d rows into %d documents (%d entries) in %s\n",
			rep.Rows, rep.Documents, rep.Entries, time.Since(start).Round(time.Millisecond))
	}

	qs, err := generateQuestions(o.medquad, o.questions, o.seed)
	if err != nil {
		return err
	}
	qfile := filepath.Join(work, "questions.json")
	if err := writeJSON(qfile, qs); err != nil {
		return err
	}
	if o.profile != "" {
		if err := os.MkdirAll(o.profile, 0o755); err != nil {
			return err
		}
	}

	var builds, serves []result
	var indexDir string
	for i := range o.runs {
		indexDir = filepath.Join(work, fmt.Sprintf("index-%d", i))
		if err := os.RemoveAll(indexDir); err != nil {
			return err
		}
		args := []string{"-content", contentDir, "-index", indexDir}
		if o.profile != "" && i == o.runs-1 {
			args = append(args, "-profile", filepath.Join(o.profile, "build"))
		}
		r, err := child(ctx, "build", args)
		if err != nil {
			return err
		}
		fmt.Fprintf(stderr, "build %d: %s (CPU %s), peak RSS %.0f MB\n", i+1, ms(r.Total), ms(r.CPU), r.PeakRSSMB)
		builds = append(builds, r)
		if i < o.runs-1 {
			os.RemoveAll(indexDir)
		}
	}
	size, err := dirSize(indexDir)
	if err != nil {
		return err
	}
	for i := range o.runs {
		args := []string{"-content", contentDir, "-index", indexDir, "-questions", qfile}
		if i == o.runs-1 {
			if o.profile != "" {
				args = append(args, "-profile", filepath.Join(o.profile, "serve"))
			}
			if o.answers != "" {
				args = append(args, "-answers", o.answers)
			}
		}
		r, err := child(ctx, "serve", args)
		if err != nil {
			return err
		}
		if r.Rebuilt {
			return fmt.Errorf("serve run %d rebuilt the index although the content did not change", i+1)
		}
		fmt.Fprintf(stderr, "serve %d: start-up %s, p50 %s, p99 %s, peak RSS %.0f MB\n",
			i+1, ms(r.Startup), us(r.Latency[classAll].P50), us(r.Latency[classAll].P99), r.PeakRSSMB)
		serves = append(serves, r)
	}
	printReport(stdout, o, builds, serves, size)
	return nil
}

// prepareContent copies the shipped content into dir and imports MedQuAD into
// dir/medquad.
//
// The files are then dated an hour back, as content written well before it is
// indexed: the index compares content changed just before a build by its bytes,
// not its file times, at the next start, and that is not what start-up should
// measure.
func prepareContent(ctx context.Context, content, medquad, dir string) (importer.Report, error) {
	if err := copyDir(content, dir); err != nil {
		return importer.Report{}, fmt.Errorf("copy content: %w", err)
	}
	rep, err := importer.Import(ctx, importer.Options{From: medquad, Out: filepath.Join(dir, "medquad"), ContentDir: dir})
	if err != nil {
		return rep, err
	}
	then := time.Now().Add(-time.Hour)
	return rep, filepath.WalkDir(dir, func(path string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		return os.Chtimes(path, then, then)
	})
}

// child runs one phase in a new process and returns its result with its CPU time.
func child(ctx context.Context, phase string, args []string) (result, error) {
	exe, err := os.Executable()
	if err != nil {
		return result{}, err
	}
	cmd := exec.CommandContext(ctx, exe, args...)
	cmd.Env = append(os.Environ(), phaseEnv+"="+phase)
	var out, errb bytes.Buffer
	cmd.Stdout, cmd.Stderr = &out, &errb
	if err := cmd.Run(); err != nil {
		return result{}, fmt.Errorf("%s phase: %w\n%s", phase, err, errb.String())
	}
	var r result
	if err := json.Unmarshal(out.Bytes(), &r); err != nil {
		return result{}, fmt.Errorf("%s phase: bad output %q: %w", phase, out.String(), err)
	}
	r.CPU = float64((cmd.ProcessState.UserTime() + cmd.ProcessState.SystemTime()).Microseconds()) / 1e3
	return r, nil
}

// moduleRoot returns the nearest directory at or above the working directory that
// holds go.mod, or "." when there is none.
func moduleRoot() string {
	dir, err := os.Getwd()
	if err != nil {
		return "."
	}
	for d := dir; ; d = filepath.Dir(d) {
		if _, err := os.Stat(filepath.Join(d, "go.mod")); err == nil {
			return d
		}
		if filepath.Dir(d) == d {
			return "."
		}
	}
}

// copyDir copies the regular files under src into dst.
func copyDir(src, dst string) error {
	return filepath.WalkDir(src, func(path string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		rel, err := filepath.Rel(src, path)
		if err != nil {
			return err
		}
		if d.IsDir() {
			return os.MkdirAll(filepath.Join(dst, rel), 0o755)
		}
		b, err := os.ReadFile(path)
		if err != nil {
			return err
		}
		return os.WriteFile(filepath.Join(dst, rel), b, 0o644)
	})
}

// dirSize is the total size of the regular files under dir.
func dirSize(dir string) (int64, error) {
	var n int64
	err := filepath.WalkDir(dir, func(path string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		if d.Type().IsRegular() {
			info, err := d.Info()
			if err != nil {
				return err
			}
			n += info.Size()
		}
		return nil
	})
	return n, err
}

func writeJSON(path string, v any) error {
	b, err := json.Marshal(v)
	if err != nil {
		return err
	}
	return os.WriteFile(path, b, 0o644)
}

func readJSON(path string, v any) error {
	b, err := os.ReadFile(path)
	if err != nil {
		return err
	}
	if err := json.Unmarshal(b, v); err != nil {
		return fmt.Errorf("read %s: %w", path, err)
	}
	return nil
}

// errUsage is returned for a phase's bad arguments.
var errUsage = errors.New("bad arguments")

func ms(d float64) string { return fmt.Sprintf("%.0f ms", d) }

func us(d float64) string {
	if d >= 1000 {
		return fmt.Sprintf("%.2f ms", d/1000)
	}
	return fmt.Sprintf("%.0f µs", d)
}

func joinNonEmpty(parts ...string) string {
	var out []string
	for _, p := range parts {
		if p != "" {
			out = append(out, p)
		}
	}
	return strings.Join(out, " ")
}
