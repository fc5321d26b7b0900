package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"strings"
	"time"

	"github.com/faqbot/faqbot/internal/faq"
	"github.com/faqbot/faqbot/internal/index"
)

// errCheckFailed is check's error when the content has problems or fails checks;
// the lines printed say which.
var errCheckFailed = errors.New("check failed")

// runCheck reads the content and runs its must-answer checks against a build made
// in a temporary directory, removed at the end: the index directory is not touched.
// It prints one "file:line: problem" line per problem, then the documents overdue for
// review and those without a review date (which do not fail the check).
func runCheck(ctx context.Context, s *settings, args []string, stdout, stderr io.Writer) error {
	fs := flag.NewFlagSet("check", flag.ContinueOnError)
	f := &indexFlags{}
	fs.StringVar(&f.content, "content", s.get("CONTENT_DIR", "content"), "content `directory` (CONTENT_DIR)")
	if err := parseNoArgs(fs, args, stderr); err != nil {
		return err
	}
	tmp, err := os.MkdirTemp("", "faqbot-check-")
	if err != nil {
		return err
	}
	defer os.RemoveAll(tmp)
	f.index = tmp
	svc, err := cliService(s, f, stderr)
	if err != nil {
		return err
	}
	defer svc.Store.Close()
	rep, err := svc.Store.Check(ctx)
	var ce *index.ContentError
	if errors.As(err, &ce) {
		problems := unjoin(ce.Err)
		for _, p := range problems {
			fmt.Fprintln(stdout, p)
		}
		return fmt.Errorf("%w: the content has %s (the checks need content that reads)", errCheckFailed, plural(len(problems), "problem"))
	}
	if err != nil {
		return describe(err)
	}
	for _, fl := range rep.Failures {
		fmt.Fprintln(stdout, fl)
	}
	r := svc.ReviewsOf(rep.Library)
	writeReviews(stdout, r)
	if len(rep.Failures) > 0 {
		return fmt.Errorf("%w: %d of %s failed", errCheckFailed, len(rep.Failures), plural(rep.Checks, "must-answer check"))
	}
	fmt.Fprintf(stdout, "%s, %s: all %s passed; %d overdue for review, %d without a review date.\n",
		plural(len(rep.Library.Documents), "document"), plural(rep.Library.Passages(), "passage"),
		plural(rep.Checks, "must-answer check"), len(r.Overdue), len(r.Unreviewed))
	return nil
}

// writeReviews prints the documents overdue for review, oldest first, then those
// without a review date, one "file: note" line each.
func writeReviews(w io.Writer, r faq.Reviews) {
	for _, d := range r.Overdue {
		fmt.Fprintf(w, "%s: overdue for review since %s (reviewed %s)\n", d.Path, d.Due.Format(time.DateOnly), d.Reviewed.Format(time.DateOnly))
	}
	for _, d := range r.Unreviewed {
		fmt.Fprintf(w, "%s: no review date (add \"reviewed: YYYY-MM-DD\" to the front matter)\n", d.Path)
	}
}

// unjoin returns the errors err joins, or err alone.
func unjoin(err error) []error {
	if j, ok := err.(interface{ Unwrap() []error }); ok {
		return j.Unwrap()
	}
	return []error{err}
}

// plural is "1 check" or "3 checks".
func plural(n int, noun string) string {
	if n == 1 {
		return "1 " + noun
	}
	return fmt.Sprintf("%d %ss", n, strings.TrimSuffix(noun, "s"))
}
