package importer

import (
	"context"
	"os"
	"path/filepath"
	"testing"
	"time"
)

// medquad is the MedQuAD corpus relative to this package's directory: the repo's
// ../shared/medquad. Tests using it skip when it is absent.
var medquad = filepath.Join("..", "..", "..", "shared", "medquad", "corpus.jsonl")

func medquadPath(tb testing.TB) string {
	tb.Helper()
	if _, err := os.Stat(medquad); err != nil {
		tb.Skipf("MedQuAD corpus not available: %v", err)
	}
	return medquad
}

// TestImportMedQuAD imports the whole corpus and reports figures; timings are
// logged, never asserted.
func TestImportMedQuAD(t *testing.T) {
	if testing.Short() {
		t.Skip("skipping the MedQuAD import in -short mode")
	}
	from := medquadPath(t)
	out := filepath.Join(t.TempDir(), "medquad")
	start := time.Now()
	rep, err := Import(context.Background(), Options{From: from, Out: out})
	if err != nil {
		t.Fatalf("Import(MedQuAD): %v", err)
	}
	elapsed := time.Since(start)
	t.Logf("MedQuAD import: %d rows, %d documents, %d entries, %d merged, ignored %v, %v",
		rep.Rows, rep.Documents, rep.Entries, rep.Merged, rep.Ignored, elapsed)
	if rep.Rows != 17896 {
		t.Errorf("Rows = %d; want 17896", rep.Rows)
	}
	if rep.Entries+rep.Merged != rep.Rows {
		t.Errorf("Entries %d + Merged %d != Rows %d", rep.Entries, rep.Merged, rep.Rows)
	}
	names, err := filepath.Glob(filepath.Join(out, "*.md"))
	if err != nil || len(names) != rep.Documents {
		t.Errorf("%d .md files in output (err %v); want %d", len(names), err, rep.Documents)
	}
}
