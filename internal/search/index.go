package search

import (
	"errors"
	"fmt"
	"math"
	"sync"

	"github.com/blevesearch/bleve/v2"
	"github.com/blevesearch/bleve/v2/analysis"
	"github.com/blevesearch/bleve/v2/analysis/lang/en"
	"github.com/blevesearch/bleve/v2/mapping"
	index "github.com/blevesearch/bleve_index_api"
	"github.com/faqbot/faqbot/internal/faq"
)

// lockTimeout bounds how long opening an index waits for another process's lock,
// instead of bleve's default of waiting forever.
const lockTimeout = "2s"

// Index is a built, read-only search index. It is safe for concurrent use.
type Index struct {
	bleve    bleve.Index
	analyzer analysis.Analyzer
	// vocab maps every indexed term to the number of passages holding it.
	vocab    map[string]int
	passages int
	synonyms synonymTable
	generic  map[string]bool
	fuzzy    *fuzzyVocab
	// common finds the generic or stop word a misspelling stands for ("befor").
	common *fuzzyVocab
	// dictionary tells a word spelled right from a typo.
	dictionary dictionary

	// What scoring needs, fixed for a read-only index: the scoring model, the
	// passage count and, for BM25, each field's average length.
	scoring     string
	docTotal    uint64
	avgFieldLen map[string]float64
	accs        sync.Pool // *accumulator
	postings    postingsCache
	hot         []hotTerm // terms Warm caches, most common first
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
	if err := ix.loadScoring(); err != nil {
		return err
	}
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
			if e.Count >= cacheMinPassages {
				ix.hot = append(ix.hot, hotTerm{field: f.name, term: e.Term, df: e.Count})
			}
		}
		dict.Close()
	}
	sortHot(ix.hot)
	ix.fuzzy = newFuzzyVocab(ix.vocab)
	ix.generic = ix.analyzeSet(genericWords)
	ix.common = newFuzzyVocab(commonWords(ix.generic))
	ix.dictionary = newDictionary()
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

// reader opens a reader on the index's current snapshot; close it after use.
func (ix *Index) reader() (index.IndexReader, error) {
	adv, err := ix.bleve.Advanced()
	if err != nil {
		return nil, err
	}
	return adv.Reader()
}

// loadScoring reads the figures bleve's term scorer reads for every query.
func (ix *Index) loadScoring() error {
	ix.scoring = index.DefaultScoringModel
	if m, ok := ix.bleve.Mapping().(*mapping.IndexMappingImpl); ok && m.ScoringModel == index.BM25Scoring {
		ix.scoring = index.BM25Scoring
	}
	r, err := ix.reader()
	if err != nil {
		return err
	}
	defer r.Close()
	if ix.docTotal, err = r.DocCount(); err != nil {
		return err
	}
	ix.avgFieldLen = map[string]float64{}
	br, ok := r.(index.BM25Reader)
	if ix.scoring != index.BM25Scoring || !ok || ix.docTotal == 0 {
		return nil
	}
	for _, f := range fieldBoosts {
		card, err := br.FieldCardinality(f.name)
		if err != nil {
			return fmt.Errorf("field %s: %w", f.name, err)
		}
		ix.avgFieldLen[f.name] = math.Ceil(float64(card) / float64(ix.docTotal))
	}
	return nil
}
