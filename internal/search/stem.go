package search

import (
	"bytes"

	"github.com/blevesearch/bleve/v2/analysis"
	"github.com/blevesearch/bleve/v2/analysis/token/porter"
)

// stemMemo analyses text as the English analyzer does, but remembers the stem of
// each word it has seen: stemming is a quarter of the analysis, and words repeat.
// One is not safe for concurrent use.
type stemMemo struct {
	base     analysis.Analyzer
	analyzer *analysis.DefaultAnalyzer
	stemmer  int // index of the stemming filter in analyzer.TokenFilters
	stems    map[string][]byte
}

// maxStems bounds a stemMemo's memory.
const maxStems = 1 << 18

// newStemMemo returns a stemMemo for base, or nil when base is not an analyzer
// whose stemming it knows.
func newStemMemo(base analysis.Analyzer) *stemMemo {
	a, ok := base.(*analysis.DefaultAnalyzer)
	if !ok {
		return nil
	}
	for i, f := range a.TokenFilters {
		if _, ok := f.(*porter.PorterStemmer); ok {
			return &stemMemo{base: base, analyzer: a, stemmer: i, stems: map[string][]byte{}}
		}
	}
	return nil
}

// Analyze is analysis.DefaultAnalyzer's Analyze with the stemmer memoised.
func (m *stemMemo) Analyze(input []byte) analysis.TokenStream {
	a := m.analyzer
	for _, cf := range a.CharFilters {
		input = cf.Filter(input)
	}
	tokens := a.Tokenizer.Tokenize(input)
	for i, tf := range a.TokenFilters {
		if i != m.stemmer {
			tokens = tf.Filter(tokens)
			continue
		}
		for _, t := range tokens {
			if t.KeyWord {
				continue
			}
			stem, ok := m.stems[string(t.Term)]
			if !ok {
				word := string(t.Term)
				tf.Filter(analysis.TokenStream{t}) // stems t in place
				stem = t.Term
				if len(m.stems) < maxStems {
					m.stems[word] = stem
				}
				continue
			}
			if i == len(a.TokenFilters)-1 {
				t.Term = stem // shared: no filter comes after to change it
			} else {
				t.Term = bytes.Clone(stem)
			}
		}
	}
	return tokens
}
