package search

import (
	"fmt"
	"slices"
	"strconv"
	"strings"
	"unicode/utf8"
)

// aspects is aspects.txt parsed.
var aspects = mustParseAspects(aspectsText)

func mustParseAspects(text string) *aspectTable {
	t, err := parseAspects(text)
	if err != nil {
		panic(fmt.Sprintf("search: aspects.txt: %v", err))
	}
	return t
}

// parseAspects parses the aspects format (see the head of aspects.txt).
func parseAspects(text string) (*aspectTable, error) {
	t := &aspectTable{byFirst: map[string][]int{}, exact: map[string]bool{}, words: map[int][]string{}}
	var current aspectSet
	for n, line := range strings.Split(text, "\n") {
		line, _, _ = strings.Cut(line, "#")
		line = strings.TrimSpace(line)
		switch {
		case line == "":
			continue
		case strings.HasPrefix(line, "["):
			name, rest, ok := strings.Cut(line[1:], "]")
			if !ok || name == "" || len(t.names) == 64 {
				return nil, fmt.Errorf("line %d: bad aspect %q", n+1, line)
			}
			t.names = append(t.names, name)
			current = 1 << (len(t.names) - 1)
			switch strings.TrimSpace(rest) {
			case "":
			case "fallback":
				t.fallback = current
			default:
				return nil, fmt.Errorf("line %d: unknown mark %q", n+1, rest)
			}
			continue
		case current == 0:
			return nil, fmt.Errorf("line %d: cue outside an aspect", n+1)
		}
		c, err := parseCue(line)
		if err != nil {
			return nil, fmt.Errorf("line %d: %v", n+1, err)
		}
		c.aspect = current
		for _, e := range c.elems {
			for _, w := range e.words {
				t.addWord(w)
				t.exact[w] = true
			}
			for _, p := range e.prefixes {
				t.addWord(p)
				t.addWord(p + "s")
				t.prefixes = append(t.prefixes, p)
			}
		}
		i := len(t.cues)
		t.cues = append(t.cues, c)
		first := c.elems[0]
		for _, w := range first.words {
			t.byFirst[w] = append(t.byFirst[w], i)
		}
		if len(first.prefixes) > 0 {
			t.prefixed = append(t.prefixed, i)
		}
	}
	return t, nil
}

// addWord adds w to the words a misspelling may be corrected to.
func (t *aspectTable) addWord(w string) {
	n := utf8.RuneCountInString(w)
	if !slices.Contains(t.words[n], w) {
		t.words[n] = append(t.words[n], w)
	}
}

func parseCue(line string) (aspectCue, error) {
	var c aspectCue
	for _, f := range strings.Fields(line) {
		if g, ok := strings.CutPrefix(f, "~"); ok {
			n, err := strconv.Atoi(g)
			if err != nil || n < 1 || n > 5 || len(c.elems) == 0 {
				return c, fmt.Errorf("bad gap %q: ~1 to ~5, between words", f)
			}
			c.elems = append(c.elems, cueElem{gap: n})
			continue
		}
		var e cueElem
		for _, alt := range strings.Split(f, "|") {
			if p, ok := strings.CutSuffix(alt, "*"); ok && p != "" {
				e.prefixes = append(e.prefixes, p)
			} else if alt != "" && !strings.ContainsAny(alt, "*~") {
				e.words = append(e.words, alt)
			} else {
				return c, fmt.Errorf("bad word %q", alt)
			}
		}
		c.elems = append(c.elems, e)
	}
	if len(c.elems) == 0 || c.elems[len(c.elems)-1].gap > 0 {
		return c, fmt.Errorf("a cue must start and end with a word")
	}
	return c, nil
}
