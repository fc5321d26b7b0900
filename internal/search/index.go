package search

import (
	"context"
	"errors"
	"fmt"
	"math"
	"os"

	"github.com/blevesearch/bleve/v2"
	"github.com/blevesearch/bleve/v2/analysis"
	"github.com/blevesearch/bleve/v2/analysis/lang/en"
	"github.com/blevesearch/bleve/v2/index/scorch"
	"github.com/faqbot/faqbot/internal/faq"
)

// lockTimeout bounds how long opening an index waits for another process's lock,
// instead of bleve's default of waiting forever.
const lockTimeout = "2s"

// batchSize is how many passages go into one bleve batch while building.
const batchSize = 1000

// Index is a built, read-only search index. It is safe for concurrent use.
type Index struct {
	bleve    bleve.Index
	analyzer analysis.Analyzer
	// vocab maps every indexed term to the number of passages holding it.
	vocab    map[string]int
	passages int
	synonyms synonymTable
	filler   map[string]bool
	fuzzy    *fuzzyVocab
}

// Build writes a new index for lib into dir, which must not exist yet, and opens it
// read-only. If ctx is cancelled the build stops and dir is left for the caller to remove.
func Build(ctx context.Context, dir string, lib faq.Library) (*Index, error) {
	if _, err := os.Stat(dir); err == nil {
		return nil, fmt.Errorf("build index: %s already exists", dir)
	}
	idx, err := bleve.NewUsing(dir, newMapping(), scorch.Name, scorch.Name, nil)
	if err != nil {
		return nil, fmt.Errorf("create index %s: %w", dir, err)
	}
	if err := indexPassages(ctx, idx, lib); err != nil {
		idx.Close()
		return nil, err
	}
	if err := idx.Close(); err != nil {
		return nil, fmt.Errorf("close new index %s: %w", dir, err)
	}
	return Open(dir, lib.Synonyms)
}

func indexPassages(ctx context.Context, idx bleve.Index, lib faq.Library) error {
	batch := idx.NewBatch()
	for _, d := range lib.Documents {
		for _, p := range d.Passages {
			if err := ctx.Err(); err != nil {
				return fmt.Errorf("build index: %w", err)
			}
			r := record{
				Title:      p.Title,
				Alternates: p.Alternates,
				Document:   d.Title,
				Body:       p.Plain,
			}
			if p.Section != p.Title {
				r.Section = p.Section
			}
			if err := batch.Index(p.ID, r); err != nil {
				return fmt.Errorf("index passage %s: %w", p.ID, err)
			}
			if batch.Size() >= batchSize {
				if err := idx.Batch(batch); err != nil {
					return fmt.Errorf("index batch: %w", err)
				}
				batch.Reset()
			}
		}
	}
	if batch.Size() > 0 {
		if err := idx.Batch(batch); err != nil {
			return fmt.Errorf("index batch: %w", err)
		}
	}
	return nil
}

// Open opens the index in dir read-only, with the synonym rules it was built with.
func Open(dir string, synonyms []faq.SynonymRule) (*Index, error) {
	idx, err := bleve.OpenUsing(dir, map[string]interface{}{
		"read_only":    true,
		"bolt_timeout": lockTimeout,
	})
	if err != nil {
		return nil, fmt.Errorf("open index %s: %w", dir, err)
	}
	ix := &Index{bleve: idx}
	if err := ix.load(synonyms); err != nil {
		idx.Close()
		return nil, fmt.Errorf("open index %s: %w", dir, err)
	}
	return ix, nil
}

func (ix *Index) load(synonyms []faq.SynonymRule) error {
	ix.analyzer = ix.bleve.Mapping().AnalyzerNamed(en.AnalyzerName)
	if ix.analyzer == nil {
		return errors.New("english analyzer missing")
	}
	n, err := ix.bleve.DocCount()
	if err != nil {
		return fmt.Errorf("count passages: %w", err)
	}
	ix.passages = int(n)
	ix.vocab = make(map[string]int)
	for _, f := range fieldBoosts {
		dict, err := ix.bleve.FieldDict(f.name)
		if err != nil {
			return fmt.Errorf("read terms of %s: %w", f.name, err)
		}
		for {
			e, err := dict.Next()
			if err != nil {
				dict.Close()
				return fmt.Errorf("read terms of %s: %w", f.name, err)
			}
			if e == nil {
				break
			}
			if int(e.Count) > ix.vocab[e.Term] {
				ix.vocab[e.Term] = int(e.Count)
			}
		}
		dict.Close()
	}
	ix.fuzzy = newFuzzyVocab(ix.vocab)
	ix.filler = ix.analyzeSet(fillerWords)
	ix.synonyms = ix.newSynonymTable(synonyms)
	return nil
}

// Passages returns the number of passages in the index.
func (ix *Index) Passages() int { return ix.passages }

// Close releases the index.
func (ix *Index) Close() error { return ix.bleve.Close() }

// idf is BM25's inverse document frequency of a term held by df passages.
func (ix *Index) idf(df int) float64 {
	n := float64(ix.passages)
	return math.Log(1 + (n-float64(df)+0.5)/(float64(df)+0.5))
}

// analyze runs text through the index's English analyzer and returns the terms.
func (ix *Index) analyze(text string) []string {
	ts := ix.analyzer.Analyze([]byte(text))
	out := make([]string, 0, len(ts))
	for _, t := range ts {
		out = append(out, string(t.Term))
	}
	return out
}

func (ix *Index) analyzeSet(words []string) map[string]bool {
	set := make(map[string]bool, len(words))
	for _, w := range words {
		for _, t := range ix.analyze(w) {
			set[t] = true
		}
	}
	return set
}
