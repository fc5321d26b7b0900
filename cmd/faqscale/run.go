package main

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"time"
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
	scales    []int
	passes    int
}

func run(ctx context.Context, args []string, stdout, stderr io.Writer) error {
	root := moduleRoot()
	fs := flag.NewFlagSet("faqscale", flag.ContinueOnError)
	fs.SetOutput(stderr)
	var o options
	var scales string
	fs.StringVar(&o.medquad, "medquad", filepath.Join(root, "..", "shared", "medquad", "corpus.jsonl"), "MedQuAD corpus (JSON Lines)")
	fs.StringVar(&o.content, "content", filepath.Join(root, "content"), "content indexed together with MedQuAD")
	fs.StringVar(&o.work, "work", "", "working directory for the content and index (default: a new temporary directory, removed afterwards); content already there is reused")
	fs.BoolVar(&o.keep, "keep", false, "keep the temporary working directory")
	fs.IntVar(&o.runs, "runs", 3, "how many times each phase runs; medians are reported")
	fs.IntVar(&o.questions, "questions", 1000, "how many questions are answered per serving run")
	fs.Uint64Var(&o.seed, "seed", 1, "seed of the question generator")
	fs.StringVar(&o.profile, "profile", "", "directory for CPU and heap profiles of the last build and serve runs")
	fs.StringVar(&o.answers, "answers", "", "write every question's outcome from the last serving run to this file: class, kind, passage, score, microseconds, question (TSV)")
	fs.IntVar(&o.passes, "passes", 3, "timed passes over the questions per serving run; each question's time is its least")
	fs.StringVar(&scales, "scale", "1", "how many copies of MedQuAD to index, e.g. 1,2,4 for a table of each (copies get new titles and ids)")
	if err := fs.Parse(args); err != nil {
		return err
	}
	for _, f := range strings.Split(scales, ",") {
		n, err := strconv.Atoi(strings.TrimSpace(f))
		if err != nil || n < 1 {
			return fmt.Errorf("-scale %q: want numbers of at least 1", scales)
		}
		o.scales = append(o.scales, n)
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
	if err := os.MkdirAll(work, 0o755); err != nil {
		return err
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
	var all []scaled
	for _, n := range o.scales {
		sc, err := measureScale(ctx, o, work, qfile, n, stderr)
		if err != nil {
			return err
		}
		all = append(all, sc)
	}
	printReport(stdout, o, all[0].builds, all[0].floors, all[0].serves, all[0].size)
	if len(all) > 1 {
		printScales(stdout, o, all)
	}
	return nil
}

// scaled is what was measured of one multiple of MedQuAD.
type scaled struct {
	copies                 int
	builds, floors, serves []result
	size                   int64
}

// measureScale prepares content with copies of MedQuAD (or reuses it) and runs the
// floor and build phases in turn, then the serving phase, o.runs times each.
func measureScale(ctx context.Context, o options, work, qfile string, copies int, stderr io.Writer) (scaled, error) {
	sc := scaled{copies: copies}
	contentDir := filepath.Join(work, "content")
	if copies > 1 {
		contentDir += fmt.Sprintf("-%dx", copies)
	}
	if _, err := os.Stat(contentDir); err == nil {
		fmt.Fprintf(stderr, "reusing the content in %s\n", contentDir)
	} else {
		start := time.Now()
		rep, err := prepareContent(ctx, o.content, o.medquad, contentDir, copies)
		if err != nil {
			return sc, err
		}
		fmt.Fprintf(stderr, "imported %d rows into %d documents (%d entries) in %s\n",
			rep.Rows, rep.Documents, rep.Entries, time.Since(start).Round(time.Millisecond))
	}
	profile := func(phase string, i int) []string {
		if o.profile == "" || i != o.runs-1 {
			return nil
		}
		return []string{"-profile", filepath.Join(o.profile, fmt.Sprintf("%s-%dx", phase, copies))}
	}
	var indexDir string
	for i := range o.runs {
		indexDir = filepath.Join(work, fmt.Sprintf("index-%dx-%d", copies, i))
		if err := os.RemoveAll(indexDir); err != nil {
			return sc, err
		}
		// The floor and the build alternate which runs first.
		for _, phase := range [][]string{{"floor", "build"}, {"build", "floor"}}[i%2] {
			args := append([]string{"-content", contentDir, "-index", indexDir}, profile(phase, i)...)
			r, err := child(ctx, phase, args)
			if err != nil {
				return sc, err
			}
			fmt.Fprintf(stderr, "%dx %s %d: %s (CPU %s), peak RSS %.0f MB\n", copies, phase, i+1, ms(r.Total), ms(r.CPU), r.PeakRSSMB)
			if phase == "build" {
				sc.builds = append(sc.builds, r)
			} else {
				sc.floors = append(sc.floors, r)
			}
		}
		if i < o.runs-1 {
			os.RemoveAll(indexDir)
		}
	}
	var err error
	if sc.size, err = dirSize(indexDir); err != nil {
		return sc, err
	}
	for i := range o.runs {
		args := append([]string{"-content", contentDir, "-index", indexDir, "-questions", qfile,
			"-passes", strconv.Itoa(o.passes)}, profile("serve", i)...)
		if i == o.runs-1 && o.answers != "" && copies == o.scales[0] {
			args = append(args, "-answers", o.answers)
		}
		r, err := child(ctx, "serve", args)
		if err != nil {
			return sc, err
		}
		if r.Rebuilt {
			return sc, fmt.Errorf("serve run %d rebuilt the index although the content did not change", i+1)
		}
		fmt.Fprintf(stderr, "%dx serve %d: start-up %s, p50 %s, p99 %s, peak RSS %.0f MB\n",
			copies, i+1, ms(r.Startup), us(r.Latency[classAll].P50), us(r.Latency[classAll].P99), r.PeakRSSMB)
		sc.serves = append(sc.serves, r)
	}
	if !o.keep {
		os.RemoveAll(indexDir)
	}
	return sc, nil
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
