package engine

import (
	"bufio"
	"context"
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"testing"
	"time"

	"github.com/faqbot/faqbot/internal/importer"
)

// The MedQuAD benchmarks measure the engine at scale: the corpus imported next to
// the shipped content, about 17,000 passages. They skip when the corpus is absent.
// cmd/faqscale measures the same in separate processes, with memory, and prints
// the README's table.

// medquadContent imports MedQuAD next to a copy of the shipped content, once per
// benchmark, and returns the content directory.
func medquadContent(b *testing.B) string {
	b.Helper()
	if _, err := os.Stat(medquadCorpus); err != nil {
		b.Skipf("MedQuAD corpus not available: %v", err)
	}
	dir := filepath.Join(b.TempDir(), "content")
	copyDir(b, repoContent, dir)
	_, err := importer.Import(context.Background(), importer.Options{
		From: medquadCorpus, Out: filepath.Join(dir, "medquad"), ContentDir: dir,
	})
	if err != nil {
		b.Fatalf("import MedQuAD: %v", err)
	}
	ageFiles(b, dir)
	return dir
}

// ageFiles dates the files under dir an hour back, as content written well before
// it is indexed: content changed within racyWindow of a build is compared by its
// bytes at the next start, which a start-up benchmark should not measure.
func ageFiles(b *testing.B, dir string) {
	b.Helper()
	then := time.Now().Add(-time.Hour)
	err := filepath.WalkDir(dir, func(path string, d os.DirEntry, err error) error {
		if err != nil {
			return err
		}
		return os.Chtimes(path, then, then)
	})
	if err != nil {
		b.Fatal(err)
	}
}

// medquadQuestions returns the first n questions of the corpus as asked, and
// each wrapped in a consumer's message of about 60 words.
func medquadQuestions(b *testing.B, n int) (asked, long []string) {
	b.Helper()
	f, err := os.Open(medquadCorpus)
	if err != nil {
		b.Fatal(err)
	}
	defer f.Close()
	sc := bufio.NewScanner(f)
	sc.Buffer(nil, 4<<20)
	for sc.Scan() && len(asked) < n {
		var row struct{ Question, Topic string }
		if err := json.Unmarshal(sc.Bytes(), &row); err != nil {
			b.Fatal(err)
		}
		asked = append(asked, row.Question)
		long = append(long, fmt.Sprintf("Hi everyone, first time posting here. My mom was just diagnosed "+
			"with %s and we are all trying to understand it. The doctor did not have much time to explain "+
			"and everything we read online is confusing. So my question is: %s Thanks so much in advance, "+
			"sorry for the long post.", row.Topic, row.Question))
	}
	return asked, long
}

// BenchmarkMedQuADBuild builds the index from scratch, as `faqbot index` does.
func BenchmarkMedQuADBuild(b *testing.B) {
	content := medquadContent(b)
	i := 0
	for b.Loop() {
		e, err := New(Config{ContentDir: content, IndexDir: filepath.Join(b.TempDir(), fmt.Sprint("index", i))}, nil)
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

// BenchmarkMedQuADOpen starts an engine on an existing index of unchanged content.
func BenchmarkMedQuADOpen(b *testing.B) {
	cfg := Config{ContentDir: medquadContent(b), IndexDir: filepath.Join(b.TempDir(), "index")}
	e, err := Open(context.Background(), cfg, nil)
	if err != nil {
		b.Fatal(err)
	}
	e.Close()
	for b.Loop() {
		e, err := Open(context.Background(), cfg, nil)
		if err != nil {
			b.Fatal(err)
		}
		e.Close()
	}
}

// BenchmarkMedQuADAnswer answers MedQuAD's questions as asked and wrapped in long
// messages, after the index's cache has warmed.
func BenchmarkMedQuADAnswer(b *testing.B) {
	cfg := Config{ContentDir: medquadContent(b), IndexDir: filepath.Join(b.TempDir(), "index")}
	e, err := Open(context.Background(), cfg, nil)
	if err != nil {
		b.Fatal(err)
	}
	defer e.Close()
	e.mu.RLock()
	if warmed := e.st.warmed; warmed != nil {
		<-warmed
	}
	e.mu.RUnlock()
	asked, long := medquadQuestions(b, 500)
	for _, set := range []struct {
		name      string
		questions []string
	}{{"asked", asked}, {"long", long}} {
		b.Run(set.name, func(b *testing.B) {
			i := 0
			for b.Loop() {
				if _, err := e.Answer(context.Background(), set.questions[i%len(set.questions)]); err != nil {
					b.Fatal(err)
				}
				i++
			}
		})
	}
}
