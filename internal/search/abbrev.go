package search

import (
	"regexp"
	"strings"
	"unicode"

	"github.com/blevesearch/bleve/v2/analysis"
	"github.com/faqbot/faqbot/internal/faq"
)

// deriver collects the synonyms the content states (derive.go), without repeats.
type deriver struct {
	an   analysis.Analyzer
	dict dictionary
	// pairs are the name pairs found, in content order; seen holds their analysed
	// forms, either way round.
	pairs [][2]string
	seen  map[string]bool
	// abbrevs counts the long forms found for each abbreviation (analysed): only the
	// most frequent is kept, as an abbreviation may stand for several things.
	abbrevs map[string]*abbrev
	order   []string
}

type abbrev struct {
	short string
	long  []string // long forms, first seen first
	count map[string]int
}

func newDeriver(an analysis.Analyzer) *deriver {
	return &deriver{an: an, dict: englishDictionary(), seen: map[string]bool{}, abbrevs: map[string]*abbrev{}}
}

// analysed is a phrase's terms, space-separated.
func (d *deriver) analysed(s string) string {
	ts := d.an.Analyze([]byte(s))
	terms := make([]string, len(ts))
	for i, t := range ts {
		terms[i] = string(t.Term)
	}
	return strings.Join(terms, " ")
}

// add records that each of names is another name of x.
func (d *deriver) add(x string, names ...string) {
	ax := d.analysed(x)
	if ax == "" || onlyCategoryWords(x) {
		return
	}
	for _, y := range names {
		ay := d.analysed(y)
		if ay == "" || ay == ax || onlyCategoryWords(y) || strings.ContainsAny(x+y, ",#=>") {
			continue
		}
		if d.seen[ax+"\x00"+ay] || d.seen[ay+"\x00"+ax] {
			continue
		}
		d.seen[ax+"\x00"+ay] = true
		d.pairs = append(d.pairs, [2]string{strings.ToLower(x), strings.ToLower(y)})
	}
}

func onlyCategoryWords(s string) bool {
	for _, w := range splitWords(s) {
		if !categoryWords[w] && !functionWords[w] {
			return false
		}
	}
	return true
}

// rules returns the pairs found and each abbreviation with its most frequent long
// form, as equivalence rules.
func (d *deriver) rules() []faq.SynonymRule {
	for _, key := range d.order {
		a := d.abbrevs[key]
		best := a.long[0]
		for _, l := range a.long[1:] {
			if a.count[l] > a.count[best] {
				best = l
			}
		}
		d.add(a.short, best)
	}
	out := make([]faq.SynonymRule, len(d.pairs))
	for i, p := range d.pairs {
		out[i] = faq.SynonymRule{Synonyms: []string{p[0], p[1]}}
	}
	return out
}

// shortForm is an abbreviation in parentheses: 2 to 10 letters and digits, at least
// one an upper-case letter, as in "hemoglobin A1c (HbA1c)".
var shortForm = regexp.MustCompile(`\(([A-Za-z0-9][A-Za-z0-9-]{1,9})[);,]`)

// abbreviations finds the abbreviations line defines, "long form (SF)", with the
// algorithm of Schwartz and Hearst (2003): the letters of the short form are found in
// order in the words before it, the first at the start of a word.
func (d *deriver) abbreviations(line string) {
	for _, m := range shortForm.FindAllStringSubmatchIndex(line, -1) {
		sf := line[m[2]:m[3]]
		if !hasUpper(sf) || letters(sf) < 2 || d.dict.has(strings.ToLower(sf)) {
			continue
		}
		words := strings.Fields(clauseBefore(line[:m[0]]))
		n := min(len(words), len(sf)+5, 2*len(sf))
		long := matchLongForm(strings.ToLower(sf), words[len(words)-n:])
		if long == "" || strings.EqualFold(long, sf) {
			continue
		}
		key := d.analysed(sf)
		if key == "" {
			continue
		}
		a := d.abbrevs[key]
		if a == nil {
			a = &abbrev{short: sf, count: map[string]int{}}
			d.abbrevs[key] = a
			d.order = append(d.order, key)
		}
		l := strings.ToLower(long)
		if a.count[l] == 0 {
			a.long = append(a.long, l)
		}
		a.count[l]++
	}
}

// clauseBefore is the end of s back to the punctuation that starts its clause.
func clauseBefore(s string) string {
	if i := strings.LastIndexAny(s, ".;:()[]"); i >= 0 {
		s = s[i+1:]
	}
	return s
}

// matchLongForm returns the shortest end of words in which the letters and digits of
// sf occur in order, the first at the start of a word; "" when there is none.
func matchLongForm(sf string, words []string) string {
	lf := strings.ToLower(strings.Join(words, " "))
	s, l := len(sf)-1, len(lf)-1
	for s >= 0 {
		c := sf[s]
		if !isAlnum(c) {
			s--
			continue
		}
		for l >= 0 && (lf[l] != c || (s == 0 && l > 0 && isAlnum(lf[l-1]))) {
			l--
		}
		if l < 0 {
			return ""
		}
		s--
		l--
	}
	start := strings.LastIndex(lf[:l+1], " ") + 1
	long := strings.TrimSpace(lf[start:])
	if strings.Count(long, " ")+1 > len(sf)+5 || functionWords[strings.ToLower(strings.Fields(long)[0])] {
		return ""
	}
	return long
}

func isAlnum(c byte) bool { return 'a' <= c && c <= 'z' || '0' <= c && c <= '9' }

func hasUpper(s string) bool { return strings.IndexFunc(s, unicode.IsUpper) >= 0 }

func letters(s string) int {
	n := 0
	for _, r := range s {
		if unicode.IsLetter(r) {
			n++
		}
	}
	return n
}
