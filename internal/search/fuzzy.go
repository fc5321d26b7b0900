package search

import (
	"sync"
	"unicode/utf8"

	bsearch "github.com/blevesearch/bleve/v2/search"
)

// fuzzyVocab finds indexed terms a few edits away from a misspelt one. Terms are
// bucketed by first letter and length, so a lookup compares only terms that could
// be close; a typo in the first letter is not corrected.
type fuzzyVocab struct {
	buckets map[fuzzyKey][]string
	scratch sync.Pool // *[]int: a row for the edit-distance computation
}

type fuzzyKey struct {
	first  rune
	length int
}

func newFuzzyVocab(vocab map[string]int) *fuzzyVocab {
	f := &fuzzyVocab{buckets: map[fuzzyKey][]string{}}
	for t := range vocab {
		r, _ := utf8.DecodeRuneInString(t)
		k := fuzzyKey{r, utf8.RuneCountInString(t)}
		f.buckets[k] = append(f.buckets[k], t)
	}
	return f
}

// near returns the terms within maxDist edits of term, with their distances.
func (f *fuzzyVocab) near(term string, maxDist int) map[string]int {
	out := map[string]int{}
	first, _ := utf8.DecodeRuneInString(term)
	n := utf8.RuneCountInString(term)
	rowp, _ := f.scratch.Get().(*[]int)
	if rowp == nil {
		rowp = new([]int)
	}
	row := *rowp
	for l := n - maxDist; l <= n+maxDist; l++ {
		for _, cand := range f.buckets[fuzzyKey{first, l}] {
			var d int
			var over bool
			d, over, row = bsearch.LevenshteinDistanceMaxReuseSlice(term, cand, maxDist, row)
			if !over && d <= maxDist {
				out[cand] = d
			}
		}
	}
	*rowp = row
	f.scratch.Put(rowp)
	return out
}
