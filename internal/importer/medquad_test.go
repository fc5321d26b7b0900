package importer

import (
	"context"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/faqbot/faqbot/internal/content"
	"github.com/faqbot/faqbot/internal/faq"
	"github.com/faqbot/faqbot/internal/faqtest"
)

// TestImportMedQuAD imports the whole corpus and reports figures; timings are
// logged, never asserted.
func TestImportMedQuAD(t *testing.T) {
	if testing.Short() {
		t.Skip("skipping the MedQuAD import in -short mode")
	}
	from := faqtest.MedQuAD(t)
	out := filepath.Join(faqtest.FastDir(t), "medquad")
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

	start = time.Now()
	lib, err := content.Load(out)
	if err != nil {
		t.Fatalf("content.Load of the imported MedQuAD: %v", err)
	}
	t.Logf("content.Load: %d documents, %d passages, %v", len(lib.Documents), lib.Passages(), time.Since(start))
	if len(lib.Documents) != rep.Documents || lib.Passages() != rep.Entries {
		t.Errorf("loaded %d documents, %d passages; want %d and %d", len(lib.Documents), lib.Passages(), rep.Documents, rep.Entries)
	}
	const question = "Is Aarskog-Scott syndrome inherited ?"
	// A question asked twice on one page with two answers keeps both.
	const repeated = "What to do for Abdominal pain - children under age 12 ?"
	repeatedAnswers := []string{"When your child complains of abdominal pain", "Most of the time, you can use home care remedies"}
	found, foundRepeated := false, false
	for _, d := range lib.Documents {
		for _, p := range d.Passages {
			found = found || p.Title == question && p.Kind == faq.KindFAQ && len(d.References) == 1
			if p.Title == repeated {
				foundRepeated = true
				for _, a := range repeatedAnswers {
					if !strings.Contains(p.Plain, a) {
						t.Errorf("passage %q lacks the merged answer starting %q", repeated, a)
					}
				}
			}
		}
	}
	if !found {
		t.Errorf("no FAQ passage %q with its reference after the import", question)
	}
	if !foundRepeated {
		t.Errorf("no FAQ passage %q after the import", repeated)
	}
}

// BenchmarkImportMedQuAD measures importing the whole corpus into a temporary
// directory (mostly creating about 6,000 files: slow on some disks).
func BenchmarkImportMedQuAD(b *testing.B) {
	from := faqtest.MedQuAD(b)
	dir := faqtest.FastDir(b)
	for i := 0; b.Loop(); i++ {
		out := filepath.Join(dir, strconv.Itoa(i))
		if _, err := Import(context.Background(), Options{From: from, Out: out}); err != nil {
			b.Fatal(err)
		}
	}
}
