package main

import (
	"context"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"time"

	"github.com/faqbot/faqbot/internal/importer"
)

// prepareContent copies the shipped content into dir and imports MedQuAD into
// dir/medquad, copies times: each further copy goes into dir/medquad-N, and the
// importer gives its documents titles and file names of their own ("Glaucoma (2)"),
// so that it is MedQuAD again with different passage ids.
//
// The files are then dated an hour back, as content written well before it is
// indexed: the index compares content changed just before a build by its bytes,
// not its file times, at the next start, and that is not what start-up should
// measure.
func prepareContent(ctx context.Context, content, medquad, dir string, copies int) (importer.Report, error) {
	if err := copyDir(content, dir); err != nil {
		return importer.Report{}, fmt.Errorf("copy content: %w", err)
	}
	var rep importer.Report
	for n := 1; n <= copies; n++ {
		out := filepath.Join(dir, "medquad")
		if n > 1 {
			out += fmt.Sprintf("-%d", n)
		}
		r, err := importer.Import(ctx, importer.Options{From: medquad, Out: out, ContentDir: dir})
		if err != nil {
			return rep, err
		}
		rep.Rows += r.Rows
		rep.Documents += r.Documents
		rep.Entries += r.Entries
	}
	then := time.Now().Add(-time.Hour)
	return rep, filepath.WalkDir(dir, func(path string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		return os.Chtimes(path, then, then)
	})
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
