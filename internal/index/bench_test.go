package index

import (
	"fmt"
	"path/filepath"
	"testing"

	"github.com/faqbot/faqbot/internal/faqtest"
	"github.com/faqbot/faqbot/internal/faqtest/medquadtest"
	"github.com/faqbot/faqbot/internal/search"
)

// BenchmarkBuild builds the seed content's index from scratch.
func BenchmarkBuild(b *testing.B) {
	benchmarkBuild(b, faqtest.Content(b))
}

// BenchmarkMedQuADBuild builds the index of the shipped content and MedQuAD (about
// 17,000 passages) from scratch, as `faqbot index` does. It skips when the corpus is
// absent; cmd/faqscale measures the same in separate processes, with memory.
func BenchmarkMedQuADBuild(b *testing.B) {
	benchmarkBuild(b, medquadtest.Content(b))
}

func benchmarkBuild(b *testing.B, content string) {
	dir := b.TempDir()
	i := 0
	for b.Loop() {
		s, err := New(Config{ContentDir: content, IndexDir: filepath.Join(dir, fmt.Sprint("index", i))}, search.Backend{}, nil)
		if err != nil {
			b.Fatal(err)
		}
		if _, err := s.Reindex(b.Context()); err != nil {
			b.Fatal(err)
		}
		s.Close()
		i++
	}
}

// BenchmarkMedQuADOpen starts a Store on an existing index of unchanged content.
func BenchmarkMedQuADOpen(b *testing.B) {
	cfg := Config{ContentDir: medquadtest.Content(b), IndexDir: filepath.Join(b.TempDir(), "index")}
	open(b, cfg).Close()
	for b.Loop() {
		s, err := New(cfg, search.Backend{}, nil)
		if err != nil {
			b.Fatal(err)
		}
		if err := s.Load(b.Context()); err != nil {
			b.Fatal(err)
		}
		s.Close()
	}
}
