package search

import (
	"context"
	"errors"
	"fmt"
	"math"
	"slices"
	"sync"

	"github.com/blevesearch/bleve/v2"
	"github.com/blevesearch/bleve/v2/analysis"
	"github.com/faqbot/faqbot/internal/faq"
	"github.com/faqbot/faqbot/internal/search/bm25"
)

// lockTimeout bounds how long opening an index waits for another process's lock,
// instead of bleve's default of waiting forever.
const lockTimeout = "2s"

// Index is a built, read-only search index with the library it was built from: it
// ranks the library's passages for a question and judges whether the best answers
// it. It is safe for concurrent use.
type Index struct {
	bleve    bleve.Index
	exec     *bm25.Searcher
	analyzer analysis.Analyzer
	// vocab maps every indexed term to the number of passages holding it.
	vocab map[string]int
	// docCount is the number of passages in the index.
	docCount int
	synonyms synonymTable
	generic  map[string]bool
	fuzzy    *fuzzyVocab
	// common finds the generic or stop word a misspelling stands for ("befor").
	common *fuzzyVocab
	// typos caches the typo corrections of the words looked up.
	typos typoCache
	// dictionary tells a word spelled right from a typo.
	dictionary dictionary
	opt        Options
	// cueTerms are the words of aspects.txt as analysed (titles.go).
	cueTerms map[string]bool
	// passages are the library's passages in content order, as Suggest and
	// Explain need them; byID finds one by its ID.
	passages []passage
	byID     map[string]int
	// words are passageWords(passages), made on first use.
	words func() [][]string
}

var _ faq.Ranker = (*Index)(nil)

// Open opens the index in dir read-only. lib is the library it was built from; its
// passages need no text (only IDs, kinds, titles and alternates are used), and its
// synonym rules must be those the index was built with. Hits on passages lib does
// not have are left out.
func Open(dir string, lib faq.Library, opt Options) (*Index, error) {
	idx, err := bleve.OpenUsing(dir, map[string]interface{}{
		"read_only":    true,
		"bolt_timeout": lockTimeout,
	})
	if err != nil {
		return nil, fmt.Errorf("open index %s: %w", dir, err)
	}
	ix := &Index{bleve: idx, opt: opt.withDefaults()}
	derived, err := readDerived(dir)
	if err != nil {
		idx.Close()
		return nil, fmt.Errorf("open index %s: %w", dir, err)
	}
	if err := ix.load(lib, derived); err != nil {
		idx.Close()
		return nil, fmt.Errorf("open index %s: %w", dir, err)
	}
	return ix, nil
}

// load prepares what ranking needs besides the bleve index: the vocabulary, the
// synonyms (the content's own, those derived from its text, the general
// vocabulary), the passages.
func (ix *Index) load(lib faq.Library, derived []faq.SynonymRule) error {
	ix.analyzer = ix.bleve.Mapping().AnalyzerNamed(analyzer)
	if ix.analyzer == nil {
		return errors.New("english analyzer missing")
	}
	n, err := ix.bleve.DocCount()
	if err != nil {
		return fmt.Errorf("count passages: %w", err)
	}
	ix.docCount = int(n)
	fields := make([]string, len(fieldBoosts))
	for i, f := range fieldBoosts {
		fields[i] = f.name
	}
	// What comes from the library is made while the index's dictionaries are read:
	// each is a good part of opening a large index.
	// So are the synonym rules' phrases analysed.
	rules := slices.Concat(lib.Synonyms, derived, vocabulary)
	var phrases map[string][]string
	var wg sync.WaitGroup
	wg.Go(func() {
		ix.passages, ix.byID = newPassages(lib)
		ix.words = sync.OnceValue(func() [][]string { return passageWords(ix.passages) })
		ix.dictionary = englishDictionary()
		phrases = ix.analyzeRules(rules)
	})
	defer wg.Wait()
	if ix.exec, err = bm25.New(ix.bleve, fields); err != nil {
		return err
	}
	ix.vocab = ix.exec.DocFreqs()
	ix.fuzzy = newFuzzyVocab(ix.vocab)
	ix.generic = ix.analyzeSet(genericWords)
	ix.common = newFuzzyVocab(commonWords(ix.generic))
	wg.Wait()
	ix.synonyms = ix.newSynonymTable(slices.Concat(lib.Synonyms, ix.specific(derived, phrases), vocabulary), phrases)
	ix.cueTerms = aspects.cueTerms(ix.analyze)
	return nil
}

// maxDerivedShare is the largest share of passages a one-word name found in the
// content may be in: a word that common ("lymphoma", "deficiency", "III") is part of
// many names, and the text that called it something else meant one of them.
const maxDerivedShare = 0.005

// specific returns the derived rules whose one-word names are rare enough to name one
// thing.
func (ix *Index) specific(rules []faq.SynonymRule, phrases map[string][]string) []faq.SynonymRule {
	limit := max(int(maxDerivedShare*float64(ix.docCount)), 2)
	out := rules[:0:0]
	for _, r := range rules {
		ok := true
		for _, name := range r.Synonyms {
			if terms := ix.analyzed(phrases, name); len(terms) == 1 && ix.vocab[terms[0]] > limit {
				ok = false
			}
		}
		if ok {
			out = append(out, r)
		}
	}
	return out
}

// Warm fills the index's cache with the postings of the most common terms, so
// that the first questions that use them are as fast as later ones. It returns
// when the cache is full or ctx is done; questions can be answered meanwhile. An
// error reading the index only leaves the cache colder: searches read the index
// themselves, and report it.
func (ix *Index) Warm(ctx context.Context) { _ = ix.exec.Warm(ctx) }

// Close releases the index.
func (ix *Index) Close() error { return ix.bleve.Close() }

// idf is BM25's inverse document frequency of a term held by df passages.
func (ix *Index) idf(df int) float64 {
	n := float64(ix.docCount)
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
