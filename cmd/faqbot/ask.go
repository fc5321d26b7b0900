package main

import (
	"bufio"
	"context"
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"io"
	"runtime/debug"
	"strings"

	"github.com/faqbot/faqbot/internal/faq"
)

// maxLine is the longest line of standard input read as one question; a longer line
// is refused like any question over the length limit, and the next line is read.
const maxLine = 1 << 20

// explainHits is how many hits -explain shows.
const explainHits = 8

func runAsk(ctx context.Context, s *settings, args []string, stdin io.Reader, stdout, stderr io.Writer) error {
	fs := flag.NewFlagSet("ask", flag.ContinueOnError)
	asJSON := fs.Bool("json", false, "print one JSON object per question, one per line")
	explain := fs.Bool("explain", false, "also print how each question was analysed and why its best passages scored as they did")
	f := addIndexFlags(fs, s)
	if err := parseFlags(fs, args, stderr); err != nil {
		return err
	}
	svc, err := cliService(s, f, stderr)
	if err != nil {
		return err
	}
	defer svc.Store.Close()
	// Opening a large index allocates what it keeps: at the default pace the GC
	// would run several times meanwhile (a fifth of the time of one question on
	// MedQuAD), to give back memory a command that then exits does not need.
	gc := debug.SetGCPercent(400)
	err = svc.Store.Load(ctx)
	debug.SetGCPercent(gc)
	if err != nil {
		return describe(err)
	}
	out := bufio.NewWriter(stdout)
	defer out.Flush()
	answer := func(q string) error {
		a, err := svc.Ask(ctx, faq.Question{Origin: cliOrigin, Text: q})
		switch code := faq.ErrorCode(err); code {
		case "":
		case faq.EINVALID, faq.ERATELIMIT:
			// A refused question is an answer of its own; the next one is still asked.
			a, err = faq.Answer{Question: strings.TrimSpace(q), Kind: kindRefused, Text: faq.ErrorMessage(err)}, nil
		default:
			return describe(err)
		}
		if *asJSON {
			err = writeJSON(out, a)
		} else {
			writePlain(out, a)
		}
		if err == nil && *explain {
			err = svc.Explain(ctx, out, q, explainHits)
			out.Flush()
		}
		return err
	}
	if fs.NArg() > 0 {
		return answer(strings.Join(fs.Args(), " "))
	}
	return eachLine(ctx, stdin, answer)
}

// kindRefused is the kind `ask` prints for a question the service refused (too long):
// its text says why.
const kindRefused faq.Kind = "refused"

// eachLine calls f with each non-blank line of r, a line of any length included: one
// over maxLine is passed on cut to maxLine+1 bytes, so that it is refused as too long.
func eachLine(ctx context.Context, r io.Reader, f func(string) error) error {
	in := bufio.NewReaderSize(r, 64<<10)
	for {
		line, err := readLine(in)
		if strings.TrimSpace(line) != "" {
			if err := f(line); err != nil {
				return err
			}
			if err := ctx.Err(); err != nil {
				return err
			}
		}
		if errors.Is(err, io.EOF) {
			return nil
		}
		if err != nil {
			return fmt.Errorf("read questions: %w", err)
		}
	}
}

// readLine reads one line without its line ending, keeping at most maxLine+1 bytes
// of it and discarding the rest.
func readLine(in *bufio.Reader) (string, error) {
	var b []byte
	for {
		chunk, err := in.ReadSlice('\n')
		if len(b) <= maxLine {
			b = append(b, chunk[:min(len(chunk), maxLine+1-len(b))]...)
		}
		if errors.Is(err, bufio.ErrBufferFull) {
			continue
		}
		return strings.TrimRight(string(b), "\r\n"), err
	}
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
	case faq.KindCrisis, faq.KindEmergency, kindRefused:
		fmt.Fprintf(w, "%s\n\n", a.Text)
		return
	case faq.KindSuggestions:
		fmt.Fprintf(w, "%s\n", a.Text)
		for i, alt := range a.Alternatives {
			fmt.Fprintf(w, "  %d. %s\n     (%s; %s)\n", i+1, alt.Title, alt.Document, alt.PassageID)
		}
		fmt.Fprintf(w, "\n%s\n\n", a.Disclaimer)
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
		fmt.Fprintf(w, "\nReviewed %s.", a.Reviewed.Format(faq.DateLayout))
	}
	if a.ReviewNotice != "" {
		fmt.Fprintf(w, "\n%s", a.ReviewNotice)
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
