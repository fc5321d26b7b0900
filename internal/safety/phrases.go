package safety

import (
	"bufio"
	"errors"
	"fmt"
	"strings"
)

// patternSections are the sections of phrase data that hold patterns, one for
// each detector.
var patternSections = map[string]bool{"crisis": true, "emergency": true}

// source is one file of phrase data.
type source struct {
	name, data string
}

// compile parses phrase data (the format is described at the top of phrases.txt)
// into a detector of the patterns of the given section; the [rewrite] and [fuzzy]
// sections of every source apply to them, patterns of other sections are skipped.
func compile(kind string, sources ...source) (*Detector, error) {
	var (
		d       = &Detector{}
		rewrite = map[string][]string{}
		bigrams = map[string]map[string][]string{}
		byWord  = map[string][]*pattern{}
		fuzzy   []string
	)
	var errs []error
	for _, src := range sources {
		fuzzy = d.parse(kind, src, rewrite, bigrams, fuzzy, &errs)
	}
	fuzzyTo := fuzzyVariants(fuzzy, rewrite)
	for _, p := range d.patterns {
		for _, e := range p.elems {
			for _, w := range e.words {
				if to, ok := rewrite[w]; ok {
					errs = append(errs, fmt.Errorf("%s:%d: pattern word %q is always rewritten to %q, so it never matches", p.file, p.line, w, strings.Join(to, " ")))
				}
				if to, ok := fuzzyTo[w]; ok {
					errs = append(errs, fmt.Errorf("%s:%d: pattern word %q is always rewritten to %q, so it never matches", p.file, p.line, w, to))
				}
			}
		}
		first := p.elems[0]
		for _, w := range first.words {
			byWord[w] = append(byWord[w], p)
		}
		for _, x := range first.prefixes {
			d.byPrefix = append(d.byPrefix, prefixPattern{prefix: x, p: p})
		}
	}
	if len(d.patterns) == 0 {
		errs = append(errs, fmt.Errorf("%s: no [%s] patterns", sources[len(sources)-1].name, kind))
	}
	if err := errors.Join(errs...); err != nil {
		return nil, err
	}
	d.buildLexicon(rewrite, bigrams, byWord, fuzzyTo)
	return d, nil
}

// parse reads one source into the rewrites, fuzzy words and patterns of kind, and
// returns the fuzzy words.
func (d *Detector) parse(kind string, src source, rewrite map[string][]string, bigrams map[string]map[string][]string, fuzzy []string, errs *[]error) []string {
	name := src.name
	fail := func(line int, format string, args ...any) {
		*errs = append(*errs, fmt.Errorf("%s:%d: %s", name, line, fmt.Sprintf(format, args...)))
	}
	section := ""
	sc := bufio.NewScanner(strings.NewReader(src.data))
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
			if section != "rewrite" && section != "fuzzy" && !patternSections[section] {
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
				if _, dup := rewrite[fw[0]]; dup {
					fail(n, "%q is rewritten twice", fw[0])
				}
				rewrite[fw[0]] = tw
				continue
			}
			if bigrams[fw[0]] == nil {
				bigrams[fw[0]] = map[string][]string{}
			}
			bigrams[fw[0]][fw[1]] = tw
		case "fuzzy":
			if !isWord(line) || len(line) < 6 {
				fail(n, "fuzzy word must be one word of 6+ letters, got %q", line)
				continue
			}
			fuzzy = append(fuzzy, line)
		case kind:
			p, err := parsePattern(line)
			if err != nil {
				fail(n, "%v", err)
				continue
			}
			p.file, p.line = name, n
			d.patterns = append(d.patterns, p)
		default:
			if !patternSections[section] {
				fail(n, "line outside a section: %q", line)
			}
		}
	}
	if err := sc.Err(); err != nil {
		*errs = append(*errs, fmt.Errorf("read %s: %w", name, err))
	}
	return fuzzy
}

// buildLexicon indexes everything compile parsed by word, with each rewrite's output
// words already carrying their patterns.
func (d *Detector) buildLexicon(rewrite map[string][]string, bigrams map[string]map[string][]string, byWord map[string][]*pattern, fuzzyTo map[string]string) {
	toTokens := func(ws []string) []token {
		ts := make([]token, len(ws))
		for i, w := range ws {
			ts[i] = token{w: []byte(w), pats: byWord[w]}
		}
		return ts
	}
	d.lex = map[string]*lexEntry{}
	entry := func(w string) *lexEntry {
		if d.lex[w] == nil {
			d.lex[w] = &lexEntry{}
		}
		return d.lex[w]
	}
	for w, ps := range byWord {
		entry(w).pats = ps
	}
	for w, to := range rewrite {
		entry(w).rewrite = toTokens(to)
	}
	for w, seconds := range bigrams {
		e := entry(w)
		e.bigrams = map[string][]token{}
		for second, to := range seconds {
			e.bigrams[second] = toTokens(to)
		}
	}
	d.fuzzy = map[string]token{}
	for v, w := range fuzzyTo {
		d.fuzzy[v] = token{w: []byte(w), pats: byWord[w]}
		if d.fuzzyMin == 0 || len(v) < d.fuzzyMin {
			d.fuzzyMin = len(v)
		}
		d.fuzzyMax = max(d.fuzzyMax, len(v))
	}
}

// fuzzyVariants maps every spelling one edit away from each word to that word, unless
// the spelling has an explicit rewrite or is itself one of the words.
func fuzzyVariants(words []string, rewrite map[string][]string) map[string]string {
	out := map[string]string{}
	keep := map[string]bool{}
	for _, w := range words {
		keep[w] = true
	}
	for _, w := range words {
		for _, v := range edits1(w) {
			if _, ok := rewrite[v]; ok || keep[v] {
				continue
			}
			if _, ok := out[v]; !ok {
				out[v] = w
			}
		}
	}
	return out
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
