package search

import (
	"sort"
	"strings"
	"sync"
	"unicode/utf8"
)

// Typo corrections.
const (
	typoFactor  = 0.85 // a typo correction one edit away
	typo2Factor = 0.7  // a typo correction two edits away
	// minAnchorRunes: a typo correction of a word this long is trusted to show what
	// the question is about; shorter words collide by chance ("moon", "mood").
	minAnchorRunes = 6
)

// corrections returns the indexed terms, and synonym terms, one or two edits away
// from an unknown term: the typo tolerance. Short terms get none. The result is
// shared: callers must not change it.
//
// genericOnly is true when the term is closest to generic words only: a misspelt
// word that names no topic.
func (ix *Index) corrections(term string) (alts []alternative, genericOnly bool) {
	if c, ok := ix.typos.get(term); ok {
		return c.alts, c.genericOnly
	}
	alts, genericOnly = ix.findCorrections(term)
	ix.typos.put(term, corrected{alts, genericOnly})
	return alts, genericOnly
}

// findCorrections is corrections without the cache.
func (ix *Index) findCorrections(term string) (alts []alternative, genericOnly bool) {
	n := utf8.RuneCountInString(term)
	fuzziness := 1
	if n >= 5 {
		fuzziness = 2
	}
	best := ix.fuzzy.near(term, fuzziness)
	delete(best, term) // a rare word the content has is not its own correction
	generic := false
	for t := range best {
		if ix.generic[t] {
			delete(best, t) // a generic word is no topic to correct to
			generic = true
		}
	}
	if generic && len(best) == 0 {
		return nil, true
	}
	minD := fuzziness + 1
	for _, d := range best {
		minD = min(minD, d)
	}
	var out []alternative
	for t, d := range best {
		if d == minD {
			out = append(out, alternative{terms: []string{t}, factor: typoWeight(d), typo: true, anchors: n >= minAnchorRunes})
		}
	}
	// A misspelt synonym ("zolloft") corrects to the synonym's expansions; only one
	// edit away, and only for longer words, as synonyms are few and short ones collide.
	if n >= minAnchorRunes {
		var sc editScratch
		for first, entries := range ix.synonyms.byFirst {
			d, over := sc.osaDistance(term, first, 1)
			if over || d > minD {
				continue
			}
			for _, e := range entries {
				if len(e.lhs) != 1 {
					continue
				}
				for _, r := range e.rhs {
					out = append(out, alternative{terms: r.terms, factor: typoFactor * r.factor, typo: true, anchors: true})
				}
			}
		}
	}
	sort.Slice(out, func(a, b int) bool {
		return strings.Join(out[a].terms, " ") < strings.Join(out[b].terms, " ")
	})
	return out, false
}

// rareTypoDF is how few passages a word not spelled right may be in and still be
// taken for a typo of a common word (the content has typos too).
const rareTypoDF = 10

// commonCorrections are the corrections of a word the content has in df passages
// that the content has in many more: what a rare misspelling stands for.
func (ix *Index) commonCorrections(term string, df int) []alternative {
	if utf8.RuneCountInString(term) < 5 {
		return nil
	}
	alts, _ := ix.corrections(term)
	var out []alternative
	for _, a := range alts {
		if len(a.terms) == 1 && ix.vocab[a.terms[0]] >= 20*df && a.terms[0] != term {
			out = append(out, a)
		}
	}
	return out
}

// commonTypo reports whether an unknown term is a generic or stop word with one
// letter left out ("befor", "realy", "shoud") or two letters swapped ("waht").
// Only these count: a letter changed may as well be another word ("hair", "fair").
func (ix *Index) commonTypo(term string) bool {
	n := utf8.RuneCountInString(term)
	if n < 4 {
		return false
	}
	for w, d := range ix.common.near(term, 1) {
		if d == 1 && (utf8.RuneCountInString(w) == n+1 || swapped(term, w)) {
			return true
		}
	}
	return false
}

// swapped reports whether a and b differ by two adjacent letters swapped.
func swapped(a, b string) bool {
	ra, rb := []rune(a), []rune(b)
	if len(ra) != len(rb) {
		return false
	}
	i := 0
	for i < len(ra) && ra[i] == rb[i] {
		i++
	}
	return i+1 < len(ra) && ra[i] == rb[i+1] && ra[i+1] == rb[i] && string(ra[i+2:]) == string(rb[i+2:])
}

func typoWeight(edits int) float64 {
	if edits <= 1 {
		return typoFactor
	}
	return typo2Factor
}

// maxCachedTypos bounds the typo cache: enough for the misspellings of a busy day.
const maxCachedTypos = 1 << 14

// typoCache remembers the corrections of the words looked up, which depend on the
// index only: looking a word up compares it with thousands of terms.
type typoCache struct {
	mu sync.RWMutex
	m  map[string]corrected
}

type corrected struct {
	alts        []alternative
	genericOnly bool
}

func (c *typoCache) get(term string) (corrected, bool) {
	c.mu.RLock()
	defer c.mu.RUnlock()
	v, ok := c.m[term]
	return v, ok
}

// put remembers term's corrections while there is room.
func (c *typoCache) put(term string, v corrected) {
	c.mu.Lock()
	defer c.mu.Unlock()
	if c.m == nil {
		c.m = map[string]corrected{}
	}
	if len(c.m) < maxCachedTypos {
		c.m[term] = v
	}
}
