// Package medquadtest gives tests the MedQuAD corpus imported next to the shipped
// content: the fixture of the tests and benchmarks at scale. Only tests import it.
package medquadtest

import (
	"context"
	"path/filepath"
	"testing"
	"time"

	"github.com/faqbot/faqbot/internal/faqtest"
	"github.com/faqbot/faqbot/internal/importer"
)

// Content returns a copy of the shipped content with MedQuAD imported into
// its medquad/ folder (6,000 files), all dated an hour back (content changed just
// before a build is compared by its bytes at the next start, which a test of start-up
// should not meet). It is written to a memory-backed directory where the machine has
// one (see faqtest.FastDir). It skips the test when the corpus is absent.
func Content(t testing.TB) string {
	t.Helper()
	corpus := faqtest.MedQuAD(t)
	dir := filepath.Join(faqtest.FastDir(t), "content")
	faqtest.CopyDir(t, faqtest.RepoContent, dir)
	start := time.Now()
	rep, err := importer.Import(context.Background(), importer.Options{
		From: corpus, Out: filepath.Join(dir, "medquad"), ContentDir: dir,
	})
	if err != nil {
		t.Fatalf("import MedQuAD: %v", err)
	}
	t.Logf("imported MedQuAD: %d documents, %d entries in %v", rep.Documents, rep.Entries, time.Since(start))
	faqtest.Age(t, dir, time.Hour)
	return dir
}
