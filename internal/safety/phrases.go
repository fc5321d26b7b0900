package safety

import (
	"bufio"
	"errors"
	"fmt"
	"strconv"
	"strings"
)

// element is one position of a pattern.
type element struct {
	words    []string // the word is one of these
	prefixes []string // or starts with one of these
	gap      int      // > 0: skip 0..gap words (words and prefixes are empty)
	not      bool     // zero-width: the next word, if any, is none of words/prefixes
}

func (e *element) accepts(w string) bool {
	for _, x := range e.words {
		if x == w {
			return true
		}
	}
	for _, x := range e.prefixes {
		if strings.HasPrefix(w, x) {
			return true
		}
	}
	return false
}

// pattern is one [crisis] line.
type pattern struct {
	src   string
	line  int
	elems []element
}

// matchFrom reports whether elems match toks starting at toks[i].
func matchFrom(elems []element, toks []string, i int) bool {
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
			if i < len(toks) && e.accepts(toks[i]) {
				return false
			}
		default:
			if i >= len(toks) || !e.accepts(toks[i]) {
				return false
			}
			i++
		}
	}
	return true
}

// compile parses phrase data (the format is described at the top of phrases.txt).
func compile(name, data string) (*Detector, error) {
	d := &Detector{
		rewrite: map[string][]string{},
		bigrams: map[string]map[string][]string{},
		byWord:  map[string][]*pattern{},
	}
	var fuzzy []string
	var errs []error
	fail := func(line int, format string, args ...any) {
		errs = append(errs, fmt.Errorf("%s:%d: %s", name, line, fmt.Sprintf(format, args...)))
	}
	section := ""
	sc := bufio.NewScanner(strings.NewReader(data))
	for n := 1; sc.Scan(); n++ {
		line := strings.TrimSpace(sc.Text())
		if i := strings.Index(line, "#"); i >= 0 {
			line = strings.TrimSpace(line[:i])
		}
		switch {
		case line == "":
			continue
		case strings.HasPrefix(line, "[") && strings.HasSuffix(line, "]"):
			section = line[1 : len(line)-1]
			if section != "rewrite" && section != "fuzzy" && section != "crisis" {
				fail(n, "unknown section %q", line)
			}
			continue
		}
		switch section {
		case "rewrite":
			from, to, ok := strings.Cut(line, "=>")
			fw, tw := strings.Fields(from), strings.Fields(to)
			if !ok || len(fw) == 0 || len(fw) > 2 || len(tw) == 0 || !allWords(fw) || !allWords(tw) {
				fail(n, "want \"word [word] => word...\", got %q", line)
				continue
			}
			if len(fw) == 1 {
				if _, dup := d.rewrite[fw[0]]; dup {
					fail(n, "%q is rewritten twice", fw[0])
				}
				d.rewrite[fw[0]] = tw
				continue
			}
			if d.bigrams[fw[0]] == nil {
				d.bigrams[fw[0]] = map[string][]string{}
			}
			d.bigrams[fw[0]][fw[1]] = tw
		case "fuzzy":
			if !isWord(line) || len(line) < 6 {
				fail(n, "fuzzy word must be one word of 6+ letters, got %q", line)
				continue
			}
			fuzzy = append(fuzzy, line)
		case "crisis":
			p, err := parsePattern(line)
			if err != nil {
				fail(n, "%v", err)
				continue
			}
			p.line = n
			d.patterns = append(d.patterns, p)
		default:
			fail(n, "line outside a section: %q", line)
		}
	}
	if err := sc.Err(); err != nil {
		return nil, fmt.Errorf("read %s: %w", name, err)
	}
	addFuzzy(d.rewrite, fuzzy)
	for _, p := range d.patterns {
		for _, e := range p.elems {
			for _, w := range e.words {
				if to, ok := d.rewrite[w]; ok {
					fail(p.line, "pattern word %q is always rewritten to %q, so it never matches", w, strings.Join(to, " "))
				}
			}
		}
		first := p.elems[0]
		for _, w := range first.words {
			d.byWord[w] = append(d.byWord[w], p)
		}
		for _, x := range first.prefixes {
			d.byPrefix = append(d.byPrefix, prefixPattern{prefix: x, p: p})
		}
	}
	if len(d.patterns) == 0 {
		errs = append(errs, fmt.Errorf("%s: no [crisis] patterns", name))
	}
	if err := errors.Join(errs...); err != nil {
		return nil, err
	}
	return d, nil
}

// parsePattern parses one [crisis] line.
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
				if w, ok := strings.CutSuffix(a, "*"); ok && isWord(w) {
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

// addFuzzy rewrites every spelling one edit away from each word to that word, unless
// the spelling already has a rewrite or is itself one of the words.
func addFuzzy(rewrite map[string][]string, words []string) {
	keep := map[string]bool{}
	for _, w := range words {
		keep[w] = true
	}
	for _, w := range words {
		to := []string{w}
		for _, v := range edits1(w) {
			if _, ok := rewrite[v]; !ok && !keep[v] {
				rewrite[v] = to
			}
		}
	}
}

// edits1 returns the spellings one deletion, swap, substitution or insertion (a-z)
// away from w (ASCII).
func edits1(w string) []string {
	var out []string
	for i := 0; i < len(w); i++ {
		out = append(out, w[:i]+w[i+1:])
		if i+1 < len(w) {
			out = append(out, w[:i]+string(w[i+1])+string(w[i])+w[i+2:])
		}
		for c := byte('a'); c <= 'z'; c++ {
			if c != w[i] {
				out = append(out, w[:i]+string(c)+w[i+1:])
			}
		}
	}
	for i := 0; i <= len(w); i++ {
		for c := byte('a'); c <= 'z'; c++ {
			out = append(out, w[:i]+string(c)+w[i:])
		}
	}
	return out
}

func allWords(ws []string) bool {
	for _, w := range ws {
		if !isWord(w) {
			return false
		}
	}
	return true
}

// isWord reports whether s is a non-empty run of a-z and 0-9, the form of a normalised word.
func isWord(s string) bool {
	if s == "" {
		return false
	}
	for i := 0; i < len(s); i++ {
		if c := s[i]; (c < 'a' || c > 'z') && (c < '0' || c > '9') {
			return false
		}
	}
	return true
}
