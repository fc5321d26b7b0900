package main

import (
	"bufio"
	"context"
	"encoding/json"
	"flag"
	"fmt"
	"io"
	"log/slog"
	"strings"

	"github.com/faqbot/faqbot/internal/engine"
	"github.com/faqbot/faqbot/internal/faq"
)

// maxLine is the longest line of standard input read as one question.
const maxLine = 1 << 20

func runAsk(ctx context.Context, s *settings, args []string, stdin io.Reader, stdout, stderr io.Writer) error {
	fs := flag.NewFlagSet("ask", flag.ContinueOnError)
	asJSON := fs.Bool("json", false, "print one JSON object per question, one per line")
	ef := addEngineFlags(fs, s)
	if err := parseFlags(fs, args, stderr); err != nil {
		return err
	}
	log, err := newLogger(s, stderr, slog.LevelWarn)
	if err != nil {
		return err
	}
	cfg, err := engineConfig(s, ef)
	if err != nil {
		return err
	}
	eng, err := engine.Open(ctx, cfg, log)
	if err != nil {
		return err
	}
	defer eng.Close()

	out := bufio.NewWriter(stdout)
	defer out.Flush()
	answer := func(q string) error {
		a, err := eng.Answer(ctx, q)
		if err != nil {
			return err
		}
		if *asJSON {
			return writeJSON(out, a)
		}
		writePlain(out, a)
		return nil
	}
	if fs.NArg() > 0 {
		return answer(strings.Join(fs.Args(), " "))
	}
	in := bufio.NewScanner(stdin)
	in.Buffer(make([]byte, 64<<10), maxLine)
	for in.Scan() {
		if strings.TrimSpace(in.Text()) == "" {
			continue
		}
		if err := answer(in.Text()); err != nil {
			return err
		}
		if err := ctx.Err(); err != nil {
			return err
		}
	}
	if err := in.Err(); err != nil {
		return fmt.Errorf("read questions: %w", err)
	}
	return nil
}

// writeJSON prints the answer as one line of JSON, with empty lists rather than null.
func writeJSON(w *bufio.Writer, a faq.Answer) error {
	if a.References == nil {
		a.References = []faq.Reference{}
	}
	if a.Alternatives == nil {
		a.Alternatives = []faq.Alternative{}
	}
	b, err := json.Marshal(a)
	if err != nil {
		return fmt.Errorf("encode answer: %w", err)
	}
	w.Write(b)
	w.WriteByte('\n')
	return w.Flush()
}

// writePlain prints the answer for a person to read.
func writePlain(w *bufio.Writer, a faq.Answer) {
	defer w.Flush()
	switch a.Kind {
	case faq.KindCrisis:
		fmt.Fprintf(w, "%s\n\n", a.Text)
		return
	case faq.KindNoAnswer:
		fmt.Fprintf(w, "%s\n", a.Text)
		if len(a.Alternatives) > 0 {
			fmt.Fprintln(w, "\nNearest topics:")
			for _, alt := range a.Alternatives {
				fmt.Fprintf(w, "  - %s\n", alt.Title)
			}
		}
		fmt.Fprintf(w, "\n%s\n\n", a.Disclaimer)
		return
	}
	fmt.Fprintf(w, "%s\n", a.Title)
	where := a.Document
	if a.Section != "" && a.Section != a.Title {
		where += " › " + a.Section
	}
	fmt.Fprintf(w, "(%s)\n\n%s\n", where, a.Text)
	if len(a.References) > 0 {
		fmt.Fprintln(w, "\nReferences:")
		for _, r := range a.References {
			fmt.Fprintf(w, "  - %s: %s\n", r.Title, r.URL)
		}
	}
	if !a.Reviewed.IsZero() {
		fmt.Fprintf(w, "\nReviewed %s.", a.Reviewed.Format("2 January 2006"))
	}
	fmt.Fprintf(w, "\n%s\n", a.Disclaimer)
	if len(a.Alternatives) > 0 {
		titles := make([]string, len(a.Alternatives))
		for i, alt := range a.Alternatives {
			titles[i] = alt.Title
		}
		fmt.Fprintf(w, "\nSee also: %s\n", strings.Join(titles, " · "))
	}
	fmt.Fprintln(w)
}
