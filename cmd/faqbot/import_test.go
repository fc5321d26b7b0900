package main

import (
	"bytes"
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/faqbot/faqbot/internal/importer"
)

func TestPrintImport(t *testing.T) {
	tests := []struct {
		name string
		r    importer.Report
		want string
	}{
		{"one of each", importer.Report{Format: importer.FormatCSV, Rows: 1, Documents: 1, Entries: 1, InContent: true,
			Merged: 1, Replaced: []string{"content/a.md"}, Ignored: []string{"id"}},
			"imported 1 row (csv) into 1 document with 1 FAQ entry in content; 1 repeated question merged; 1 file replaced\n" +
				"ignored column: id\n" +
				"run `faqbot index` (or /reindex in Discord) to answer from them\n"},
		{"several", importer.Report{Format: importer.FormatJSONL, Rows: 6, Documents: 3, Entries: 4, InContent: true,
			Merged: 2, Replaced: []string{"content/a.md", "content/b.md"}, Ignored: []string{"id", "qtype"}},
			"imported 6 rows (jsonl) into 3 documents with 4 FAQ entries in content; 2 repeated questions merged; 2 files replaced\n" +
				"ignored fields: id, qtype\n" +
				"run `faqbot index` (or /reindex in Discord) to answer from them\n"},
		{"outside the content directory", importer.Report{Format: importer.FormatCSV, Rows: 2, Documents: 2, Entries: 2},
			"imported 2 rows (csv) into 2 documents with 2 FAQ entries in /tmp/x\n" +
				"the bot does not read /tmp/x: it is not in the content directory, content (CONTENT_DIR).\n" +
				"Move the files into content, then run `faqbot index` (or /reindex in Discord).\n" +
				"Their titles and file names were checked only against the files in /tmp/x, not against content.\n"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var b bytes.Buffer
			out := "content"
			if !tt.r.InContent {
				out = "/tmp/x"
			}
			printImport(&b, tt.r, out, "content")
			if b.String() != tt.want {
				t.Errorf("printImport wrote:\n%s\nwant:\n%s", b.String(), tt.want)
			}
		})
	}
}

// TestImportOutsideContent imports into a directory outside the content directory
// and into the content directory: only in the latter are names kept apart from the
// documents already there, and only then is indexing the next step.
func TestImportOutsideContent(t *testing.T) {
	tmp := t.TempDir()
	contentDir := filepath.Join(tmp, "content")
	if err := os.MkdirAll(contentDir, 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(contentDir, "billing.md"), []byte("---\ntitle: Payments\n---\n## Cards\nWe take cards.\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	from := filepath.Join(tmp, "faq.csv")
	if err := os.WriteFile(from, []byte("question,answer,topic\nCan I pay by card?,Yes.,Billing\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	getenv := func(k string) string {
		if k == "CONTENT_DIR" {
			return contentDir
		}
		return ""
	}
	tests := []struct {
		name string
		out  string // "" for the default, the content directory
		file string
		next string
	}{
		{"outside", filepath.Join(tmp, "x"), filepath.Join(tmp, "x", "billing.md"), "it is not in the content directory, " + contentDir},
		{"content directory", "", filepath.Join(contentDir, "billing-2.md"), "run `faqbot index`"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			args := []string{"import", "-from", from}
			if tt.out != "" {
				args = append(args, "-out", tt.out)
			}
			var stdout, stderr bytes.Buffer
			if err := run(context.Background(), args, getenv, strings.NewReader(""), &stdout, &stderr); err != nil {
				t.Fatalf("faqbot %s: %v\n%s", strings.Join(args, " "), err, stderr.String())
			}
			if _, err := os.Stat(tt.file); err != nil {
				t.Errorf("faqbot %s did not write %s: %v", strings.Join(args, " "), tt.file, err)
			}
			if got := stdout.String(); !strings.HasPrefix(got, "imported 1 row (csv) into 1 document with 1 FAQ entry in ") || !strings.Contains(got, tt.next) {
				t.Errorf("faqbot %s printed:\n%s\nwant a summary and %q", strings.Join(args, " "), got, tt.next)
			}
		})
	}
}
