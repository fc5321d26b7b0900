package search

import (
	_ "embed"
	"sort"
	"strings"
	"unicode/utf8"
)

// aspectsText is what a question can ask about and the words that show it (see the
// head of aspects.txt).
//
//go:embed aspects.txt
var aspectsText string

// aspectSet is a set of aspects, one bit each.
type aspectSet uint64

func (s aspectSet) has(o aspectSet) bool { return s&o != 0 }

// aspectTable recognises aspects in a text from their cues.
type aspectTable struct {
	names []string
	// fallback is the aspect of a text that shows no other (the overview).
	fallback aspectSet
	cues     []aspectCue
	// byFirst indexes the cues by their first word; prefixed lists those whose
	// first element is a prefix.
	byFirst  map[string][]int
	prefixed []int
	// words are the words of the cues, a prefix standing for itself and its
	// plural, by length in letters: what a misspelt word of a question may be
	// corrected to.
	words map[int][]string
	// exact and prefixes are the cue words and prefixes, for isCueWord.
	exact    map[string]bool
	prefixes []string
}

// aspectCue is one cue line: its elements and its aspect.
type aspectCue struct {
	elems  []cueElem
	aspect aspectSet
}

// cueElem is one element of a cue: a word out of a list (or starting with a
// prefix), or a gap of up to gap words.
type cueElem struct {
	words    []string
	prefixes []string
	gap      int
}

func (e cueElem) accepts(w string) bool {
	for _, x := range e.words {
		if x == w {
			return true
		}
	}
	for _, p := range e.prefixes {
		if strings.HasPrefix(w, p) {
			return true
		}
	}
	return false
}

// of returns the aspects text shows: those of every cue found in its words, or
// the fallback aspect when it shows none but the fallback's own cues.
func (t *aspectTable) of(text string) aspectSet {
	all, _ := t.ofWords(splitWords(text))
	return all
}

// ofTitle returns the aspect a title answers: that of its first cue. An FAQ
// question names its aspect first and its subject after, and the subject may use a
// cue word too ("What is the outlook for Iron overdose?").
func (t *aspectTable) ofTitle(title string) aspectSet {
	_, first := t.ofWords(splitWords(title))
	return first
}

// ofQuestion returns the aspects a question shows, and the first of them, as of and
// ofTitle do; its words may be misspelt: a word that is not spelled right (dict) is
// read as the cue word a typo away from it, if any ("symtpoms", "treatmnt").
func (t *aspectTable) ofQuestion(text string, dict dictionary) (all, first aspectSet) {
	words := splitWords(text)
	var sc editScratch
	for i, w := range words {
		n := len(w)
		if n < 4 || dict.has(w) {
			continue
		}
		maxD := 1
		if n >= 8 {
			maxD = 2
		}
		best, bestD := "", maxD+1
		runes := utf8.RuneCountInString(w)
		for l := runes - maxD; l <= runes+maxD; l++ {
			for _, c := range t.words[l] {
				if d, over := sc.osaDistance(w, c, maxD); !over && (d < bestD || d == bestD && c < best) {
					best, bestD = c, d
				}
			}
		}
		if best != "" {
			words[i] = best
		}
	}
	return t.ofWords(words)
}

// cueMatch is a cue found in a text: its aspect and the words it spans.
type cueMatch struct {
	aspect     aspectSet
	start, end int
}

// ofWords returns the aspects of the cues found in words, and the aspect of the
// first of them. The longest cues are taken first, and a word one of them spans
// shows no other aspect: "warning signs" are symptoms, not warnings; "forget a
// dose" is a missed dose, not the dosage. The fallback aspect counts only when no
// other is found.
func (t *aspectTable) ofWords(words []string) (all, first aspectSet) {
	var found []cueMatch
	try := func(ci, i int) {
		if end, ok := matchCue(t.cues[ci].elems, words, i); ok {
			found = append(found, cueMatch{t.cues[ci].aspect, i, end})
		}
	}
	for i, w := range words {
		for _, ci := range t.byFirst[w] {
			try(ci, i)
		}
		for _, ci := range t.prefixed {
			try(ci, i)
		}
	}
	sort.SliceStable(found, func(a, b int) bool {
		return found[a].end-found[a].start > found[b].end-found[b].start
	})
	owner := make([]aspectSet, len(words))
	for _, m := range found {
		free := true
		for i := m.start; i < m.end; i++ {
			free = free && (owner[i] == 0 || owner[i] == m.aspect)
		}
		if !free {
			continue
		}
		for i := m.start; i < m.end; i++ {
			owner[i] = m.aspect
		}
		all |= m.aspect
	}
	if all&^t.fallback != 0 {
		all &^= t.fallback
	}
	for _, a := range owner {
		if a != 0 && all.has(a) {
			return all, a
		}
	}
	return all, 0
}

// matchCue reports whether elems match words from i on, and where the match ends
// (the shortest match, when gaps allow several).
func matchCue(elems []cueElem, words []string, i int) (end int, ok bool) {
	for k, e := range elems {
		if e.gap > 0 {
			for j := 0; j <= e.gap && i+j <= len(words); j++ {
				if end, ok := matchCue(elems[k+1:], words, i+j); ok {
					return end, true
				}
			}
			return 0, false
		}
		if i >= len(words) || !e.accepts(words[i]) {
			return 0, false
		}
		i++
	}
	return i, true
}

// isCueWord reports whether w is a word of a cue, or starts with a cue's prefix.
func (t *aspectTable) isCueWord(w string) bool {
	if t.exact[w] {
		return true
	}
	for _, p := range t.prefixes {
		if strings.HasPrefix(w, p) {
			return true
		}
	}
	return false
}

// cueTerms are the cue words of every aspect as analysed: words a title uses to say
// what it answers, not what it is about.
func (t *aspectTable) cueTerms(analyze func(string) []string) map[string]bool {
	out := map[string]bool{}
	for _, words := range t.words {
		for _, w := range words {
			for _, term := range analyze(w) {
				out[term] = true
			}
		}
	}
	return out
}

// names lists the names of the aspects in s, for Explain.
func (t *aspectTable) namesOf(s aspectSet) string {
	var out []string
	for i, n := range t.names {
		if s.has(1 << i) {
			out = append(out, n)
		}
	}
	if len(out) == 0 {
		return "none"
	}
	return strings.Join(out, ", ")
}
