package search

import (
	"sync"
	"unicode/utf8"
)

// fuzzyVocab finds indexed terms a few edits away from a misspelt one, a swap of
// two adjacent letters counting as one edit (osaDistance). Terms are bucketed by
// first letter and length, so a lookup compares only terms that could be close; a
// typo in the first letter is not corrected.
type fuzzyVocab struct {
	buckets map[fuzzyKey][]string
	scratch sync.Pool // *editScratch
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
	sc, _ := f.scratch.Get().(*editScratch)
	if sc == nil {
		sc = &editScratch{}
	}
	for l := n - maxDist; l <= n+maxDist; l++ {
		for _, cand := range f.buckets[fuzzyKey{first, l}] {
			if d, over := sc.osaDistance(term, cand, maxDist); !over {
				out[cand] = d
			}
		}
	}
	f.scratch.Put(sc)
	return out
}
