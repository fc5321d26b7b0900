package main

import (
	"context"
	"flag"
	"fmt"
	"io"
	"strings"

	"github.com/faqbot/faqbot/internal/importer"
)

func runImport(ctx context.Context, s *settings, args []string, stdout, stderr io.Writer) error {
	fs := flag.NewFlagSet("import", flag.ContinueOnError)
	from := fs.String("from", "", "the CSV or JSON Lines `file` to import (required)")
	contentDir := s.get("CONTENT_DIR", "content")
	out := fs.String("out", contentDir, "the `directory` to write content files into")
	force := fs.Bool("force", false, "replace files that already exist")
	if err := parseFlags(fs, args, stderr); err != nil {
		return err
	}
	if *from == "" || fs.NArg() > 0 {
		fs.Usage()
		return fmt.Errorf("%w: import needs -from FILE and no other arguments", errUsage)
	}
	r, err := importer.Import(ctx, importer.Options{From: *from, Out: *out, Force: *force, ContentDir: contentDir})
	if err != nil {
		return err
	}
	fmt.Fprintf(stdout, "imported %d rows (%s) into %d documents with %d FAQ entries in %s",
		r.Rows, r.Format, r.Documents, r.Entries, *out)
	if r.Merged > 0 {
		fmt.Fprintf(stdout, "; %d repeated questions merged", r.Merged)
	}
	if len(r.Replaced) > 0 {
		fmt.Fprintf(stdout, "; %d files replaced", len(r.Replaced))
	}
	fmt.Fprintln(stdout)
	if len(r.Ignored) > 0 {
		fmt.Fprintf(stdout, "ignored columns: %s\n", strings.Join(r.Ignored, ", "))
	}
	fmt.Fprintln(stdout, "run `faqbot index` (or /reindex in Discord) to answer from them")
	return nil
}
