package safety

import (
	"errors"
	"fmt"
	"strconv"
	"strings"
)

// element is one position of a pattern.
type element struct {
	words    []string // the word is one of these
	prefixes []string // or starts with one of these
	atLeast  int      // > 0: or is a number at least this ("10+")
	gap      int      // > 0: skip 0..gap words (words and prefixes are empty)
	not      bool     // zero-width: the next word, if any, is none of words/prefixes
}

func (e *element) accepts(w []byte) bool {
	if e.atLeast > 0 && numberAtLeast(w, e.atLeast) {
		return true
	}
	for _, x := range e.words {
		if x == string(w) {
			return true
		}
	}
	for _, x := range e.prefixes {
		if len(w) >= len(x) && string(w[:len(x)]) == x {
			return true
		}
	}
	return false
}

// pattern is one line of a pattern section ([crisis], [emergency]).
type pattern struct {
	src   string
	file  string
	line  int
	elems []element
}

// matchFrom reports whether elems match toks starting at toks[i].
func matchFrom(elems []element, toks []token, i int) bool {
	for k := range elems {
		e := &elems[k]
		switch {
		case e.gap > 0:
			for j := 0; j <= e.gap && i+j <= len(toks); j++ {
				if matchFrom(elems[k+1:], toks, i+j) {
					return true
				}
			}
			return false
		case e.not:
			if i < len(toks) && e.accepts(toks[i].w) {
				return false
			}
		default:
			if i >= len(toks) || !e.accepts(toks[i].w) {
				return false
			}
			i++
		}
	}
	return true
}

// numberAtLeast reports whether w is a number (digits only) of at least n.
func numberAtLeast(w []byte, n int) bool {
	if !isNumber(string(w)) {
		return false
	}
	if len(w) > 9 {
		return true
	}
	v, _ := strconv.Atoi(string(w))
	return v >= n
}

// isNumber reports whether s is a non-empty run of digits.
func isNumber(s string) bool {
	if s == "" {
		return false
	}
	for i := 0; i < len(s); i++ {
		if s[i] < '0' || s[i] > '9' {
			return false
		}
	}
	return true
}

// parsePattern parses one pattern line.
func parsePattern(line string) (*pattern, error) {
	p := &pattern{src: line}
	for _, f := range strings.Fields(line) {
		var e element
		if n, ok := strings.CutPrefix(f, "~"); ok {
			g, err := strconv.Atoi(n)
			if err != nil || g < 1 || g > 8 {
				return nil, fmt.Errorf("gap %q: want ~1 to ~8", f)
			}
			e.gap = g
		} else {
			alts, neg := strings.CutPrefix(f, "!")
			e.not = neg
			for _, a := range strings.Split(alts, "|") {
				if n, ok := strings.CutSuffix(a, "+"); ok && isNumber(n) && len(n) <= 6 {
					v, err := strconv.Atoi(n)
					if err != nil || v < 1 {
						return nil, fmt.Errorf("bad number %q in %q: use 1+ to 999999+", a, f)
					}
					e.atLeast = v
				} else if w, ok := strings.CutSuffix(a, "*"); ok && isWord(w) {
					e.prefixes = append(e.prefixes, w)
				} else if isWord(a) {
					e.words = append(e.words, a)
				} else {
					return nil, fmt.Errorf("bad word %q in %q: use lowercase letters and digits", a, f)
				}
			}
		}
		p.elems = append(p.elems, e)
	}
	if len(p.elems) == 0 {
		return nil, errors.New("empty pattern")
	}
	if first := p.elems[0]; first.gap > 0 || first.not {
		return nil, fmt.Errorf("pattern %q must start with a word", line)
	}
	if last := p.elems[len(p.elems)-1]; last.gap > 0 {
		return nil, fmt.Errorf("pattern %q ends with a gap", line)
	}
	for i := 1; i < len(p.elems); i++ {
		if p.elems[i].gap > 0 && p.elems[i-1].gap > 0 {
			return nil, fmt.Errorf("pattern %q has two gaps in a row", line)
		}
	}
	return p, nil
}
