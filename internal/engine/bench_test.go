package engine

import (
	"context"
	"fmt"
	"path/filepath"
	"testing"
)

// BenchmarkAnswer answers a question on the seed content.
func BenchmarkAnswer(b *testing.B) {
	e, _ := openSeed(b)
	ctx := context.Background()
	questions := []string{
		"Can I drink alcohol while on ketamine therapy?",
		"how long till ketamine works",
		"is it safe to take lexapro with spravato",
		"what's the weather in Paris",
	}
	b.ResetTimer()
	i := 0
	for b.Loop() {
		if _, err := e.Answer(ctx, questions[i%len(questions)]); err != nil {
			b.Fatal(err)
		}
		i++
	}
}

// BenchmarkBuild builds the seed content's index from scratch.
func BenchmarkBuild(b *testing.B) {
	dir := b.TempDir()
	content := filepath.Join(dir, "content")
	copyDir(b, repoContent, content)
	i := 0
	for b.Loop() {
		cfg := Config{ContentDir: content, IndexDir: filepath.Join(dir, fmt.Sprint("index", i))}
		e, err := New(cfg, nil)
		if err != nil {
			b.Fatal(err)
		}
		if _, err := e.Reindex(context.Background()); err != nil {
			b.Fatal(err)
		}
		e.Close()
		i++
	}
}
