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
	out := fs.String("out", contentDir, "the `directory` to write content files into; the bot reads them only inside the content directory (CONTENT_DIR)")
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
	printImport(stdout, r, *out, contentDir)
	return nil
}

// printImport writes what an import into out did, and what to do next: index, or,
// when out is not in the content directory, move the files there first.
func printImport(w io.Writer, r importer.Report, out, contentDir string) {
	fmt.Fprintf(w, "imported %s (%s) into %s with %s in %s",
		quantity(r.Rows, "row", "rows"), r.Format, quantity(r.Documents, "document", "documents"),
		quantity(r.Entries, "FAQ entry", "FAQ entries"), out)
	if r.Merged > 0 {
		fmt.Fprintf(w, "; %s merged", quantity(r.Merged, "repeated question", "repeated questions"))
	}
	if len(r.Replaced) > 0 {
		fmt.Fprintf(w, "; %s replaced", quantity(len(r.Replaced), "file", "files"))
	}
	fmt.Fprintln(w)
	if len(r.Ignored) > 0 {
		noun := "column"
		if r.Format == importer.FormatJSONL {
			noun = "field"
		}
		if len(r.Ignored) > 1 {
			noun += "s"
		}
		fmt.Fprintf(w, "ignored %s: %s\n", noun, strings.Join(r.Ignored, ", "))
	}
	if r.InContent {
		fmt.Fprintln(w, "run `faqbot index` (or /reindex in Discord) to answer from them")
		return
	}
	fmt.Fprintf(w, "the bot does not read %s: it is not in the content directory, %s (CONTENT_DIR).\n", out, contentDir)
	fmt.Fprintf(w, "Move the files into %s, then run `faqbot index` (or /reindex in Discord).\n", contentDir)
	fmt.Fprintf(w, "Their titles and file names were checked only against the files in %s, not against %s.\n", out, contentDir)
}

// quantity writes n and the noun, singular or plural: "1 row", "2 rows".
func quantity(n int, one, many string) string {
	if n == 1 {
		return "1 " + one
	}
	return fmt.Sprintf("%d %s", n, many)
}
