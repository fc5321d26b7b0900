// Package importer turns an FAQ a server owner already has — a CSV spreadsheet or a
// JSON Lines export — into content files in faqbot's Markdown format: one document
// per topic and source page, each question an FAQ entry.
//
// Input rows are validated first; if any row is bad, every bad row is reported with
// its line number and nothing is written. Files are written all or nothing, and
// existing files are replaced only when asked to.
package importer

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"time"

	"github.com/faqbot/faqbot/internal/content"
)

// DefaultOut is the output directory used when Options.Out is empty.
const DefaultOut = "content"

// Options says what to import and where.
type Options struct {
	// From is the input file: CSV with a header row, or JSON Lines. The format is
	// taken from the extension (.csv, .tsv, .jsonl, .ndjson), else from the content.
	From string
	// Out is the directory the content files are written to (DefaultOut if empty).
	Out string
	// Force allows replacing files that already exist in Out.
	Force bool
	// ContentDir is the content directory the bot reads (Out itself if empty).
	// When Out is in it, imported documents get titles and file names that no
	// document there has, except the files of an earlier import into Out that this
	// one replaces. When Out is not (see content.Reads), only the documents in Out
	// are avoided, and Report.InContent says so.
	ContentDir string
	// Reviewed, when set, is written as every document's review date. Imported
	// content has not been reviewed by anyone, so it is left out by default.
	Reviewed time.Time
}

// Report describes a finished import.
type Report struct {
	// Format is FormatCSV or FormatJSONL.
	Format string
	// Rows is the number of question-and-answer rows read.
	Rows int
	// Documents is the number of content files written; Entries the FAQ entries in them.
	Documents int
	Entries   int
	// Merged counts rows whose question repeated an earlier one in the same document
	// (ignoring case, spacing and final punctuation). They are merged into the first
	// entry: a different answer is appended to its answer as further paragraphs
	// (an identical one is dropped), and the repeat's alternate phrasings are added.
	Merged int
	// Ignored lists input columns (CSV) or fields (JSON Lines) that were not used.
	Ignored []string
	// Files are the paths written, in the order of the documents' first rows.
	Files []string
	// Replaced are the paths among Files that existed before (only with Force).
	Replaced []string
	// InContent tells whether Out is in ContentDir, where the bot reads the files.
	// When it is not, they must be moved there before they are indexed, and their
	// titles and names were not checked against the documents there.
	InContent bool
}

// Import reads opts.From and writes one content file per document into opts.Out.
// A file with bad rows yields a *BadRowsError listing them all; files that exist
// already, without opts.Force, yield an *ExistsError. In both cases, and on any
// other error, nothing is written.
func Import(ctx context.Context, opts Options) (Report, error) {
	out := opts.Out
	if out == "" {
		out = DefaultOut
	}
	f, err := os.Open(opts.From)
	if err != nil {
		return Report{}, fmt.Errorf("import: %w", err)
	}
	defer f.Close()
	in, err := read(ctx, opts.From, f)
	if err != nil {
		return Report{}, fmt.Errorf("import: %w", err)
	}
	if len(in.bad) > 0 {
		return Report{}, &BadRowsError{Path: opts.From, Rows: in.bad}
	}
	if len(in.rows) == 0 {
		return Report{}, fmt.Errorf("import: %s: no rows", opts.From)
	}

	g := group(in.rows, opts.From)
	ps, bad := passages(opts.From, g.docs)
	if len(bad) > 0 {
		return Report{}, &BadRowsError{Path: opts.From, Rows: bad}
	}
	docs := split(g.docs, ps)
	root := opts.ContentDir
	inContent := root == "" || content.Reads(root, out)
	if !inContent || root == "" {
		root = out
	}
	existing, err := existingContent(root, out)
	if err != nil {
		return Report{}, fmt.Errorf("import: read existing content: %w", err)
	}
	assignTitles(docs, existing.titles)
	assignSlugs(docs, existing.ids)

	rep := Report{Format: in.format, Rows: len(in.rows), Documents: len(docs), Merged: g.merged, Ignored: in.ignored,
		InContent: inContent}
	files := make([]file, 0, len(docs))
	for _, d := range docs {
		data, err := render(d, ps, opts.Reviewed)
		if err != nil {
			return Report{}, fmt.Errorf("import: %w", err)
		}
		name := d.slug + content.FileExt
		files = append(files, file{name: name, data: data})
		rep.Entries += len(d.entries)
		rep.Files = append(rep.Files, filepath.Join(out, name))
	}
	rep.Replaced, err = write(ctx, out, files, opts.Force)
	if err != nil {
		return Report{}, fmt.Errorf("import %s into %s: %w", opts.From, out, err)
	}
	return rep, nil
}
