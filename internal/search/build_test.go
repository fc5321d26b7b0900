package search

import (
	"context"
	"path/filepath"
	"testing"

	"github.com/faqbot/faqbot/internal/content"
)

// TestBackendBuildDropsPlainText checks that Build leaves the library as it was,
// and that Backend.Build (index.Store's) drops the passages' Plain texts as it
// indexes them, with the same index as a result.
func TestBackendBuildDropsPlainText(t *testing.T) {
	lib, err := content.Load("../../content")
	if err != nil {
		t.Fatal(err)
	}
	const question = "Can I drink alcohol while undergoing ketamine therapy?"
	ix, err := Build(context.Background(), filepath.Join(t.TempDir(), "bleve"), lib, Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer ix.Close()
	want, err := ix.Rank(context.Background(), question, 4)
	if err != nil {
		t.Fatal(err)
	}
	for _, d := range lib.Documents {
		for _, p := range d.Passages {
			if p.Plain == "" {
				t.Fatalf("Build dropped the text of %s", p.ID)
			}
		}
	}
	r, err := Backend{}.Build(context.Background(), filepath.Join(t.TempDir(), "bleve"), lib)
	if err != nil {
		t.Fatal(err)
	}
	defer r.Close()
	for _, d := range lib.Documents {
		for _, p := range d.Passages {
			if p.Plain != "" {
				t.Fatalf("Backend.Build kept the text of %s", p.ID)
			}
		}
	}
	got, err := r.Rank(context.Background(), question, 4)
	if err != nil || got.Verdict != want.Verdict || len(got.Hits) != len(want.Hits) {
		t.Fatalf("Backend.Build's index ranks %+v, %v; Build's %+v", got, err, want)
	}
	for i := range got.Hits {
		if got.Hits[i] != want.Hits[i] {
			t.Errorf("hit %d: %+v; want %+v", i, got.Hits[i], want.Hits[i])
		}
	}
}
