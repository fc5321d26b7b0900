package search

import (
	"slices"
	"strings"

	"github.com/faqbot/faqbot/internal/faq"
)

// synonymTable expands the terms of a question with the synonym rules of the
// content (content/synonyms.txt), after analysis, so "Zoloft" also finds
// "sertraline" and "doctor" also finds "healthcare provider".
type synonymTable struct {
	// byFirst maps the first term of each left-hand side to its entries,
	// longest left-hand side first.
	byFirst map[string][]synonymEntry
}

type synonymEntry struct {
	lhs []string
	rhs []synonym
}

// synonym is one expansion of a left-hand side and how much a match of it counts:
// an equivalent term (brand and generic name) nearly as much as the term itself, a
// one-way expansion (a drug to its class) less.
type synonym struct {
	terms  []string
	factor float64
}

func (ix *Index) newSynonymTable(rules []faq.SynonymRule, phrases map[string][]string) synonymTable {
	merged := map[string]*synonymEntry{}
	var order []string
	add := func(lhs []string, rhs [][]string, factor float64) {
		key := strings.Join(lhs, " ")
		e, ok := merged[key]
		if !ok {
			e = &synonymEntry{lhs: lhs}
			merged[key] = e
			order = append(order, key)
		}
		for _, r := range rhs {
			if strings.Join(r, " ") == key {
				continue
			}
			if i := indexSeq(e.rhs, r); i >= 0 {
				e.rhs[i].factor = max(e.rhs[i].factor, factor)
				continue
			}
			e.rhs = append(e.rhs, synonym{terms: r, factor: factor})
		}
	}
	for _, r := range rules {
		syn := ix.analyzeAll(phrases, r.Synonyms)
		if len(r.Input) == 0 {
			for _, s := range syn {
				add(s, syn, equivalentFactor)
			}
			continue
		}
		for _, in := range ix.analyzeAll(phrases, r.Input) {
			add(in, syn, oneWayFactor)
		}
	}
	t := synonymTable{byFirst: map[string][]synonymEntry{}}
	for _, key := range order {
		e := merged[key]
		if len(e.rhs) == 0 {
			continue
		}
		list := append(t.byFirst[e.lhs[0]], *e)
		// Longest left-hand side first, so "healthcare provider" wins over "healthcare".
		for i := len(list) - 1; i > 0 && len(list[i].lhs) > len(list[i-1].lhs); i-- {
			list[i], list[i-1] = list[i-1], list[i]
		}
		t.byFirst[e.lhs[0]] = list
	}
	return t
}

// analyzeAll analyses each phrase, dropping those that analyse to nothing.
// analyzeAll returns the terms of each of list's phrases that has any, looked up in
// phrases (see analyzeRules) or analysed.
func (ix *Index) analyzeAll(phrases map[string][]string, list []string) [][]string {
	var out [][]string
	for _, p := range list {
		if terms := ix.analyzed(phrases, p); len(terms) > 0 {
			out = append(out, terms)
		}
	}
	return out
}

// match returns the longest entry whose left-hand side starts terms.
func (t synonymTable) match(terms []string) (synonymEntry, bool) {
	for _, e := range t.byFirst[terms[0]] {
		if len(e.lhs) <= len(terms) && equalSeq(e.lhs, terms[:len(e.lhs)]) {
			return e, true
		}
	}
	return synonymEntry{}, false
}

func equalSeq(a, b []string) bool {
	if len(a) != len(b) {
		return false
	}
	for i := range a {
		if a[i] != b[i] {
			return false
		}
	}
	return true
}

func indexSeq(list []synonym, s []string) int {
	for i, l := range list {
		if equalSeq(l.terms, s) {
			return i
		}
	}
	return -1
}

// analyzeRules analyses every phrase of rules once, for newSynonymTable: Open does
// it while it reads the index's dictionaries.
func (ix *Index) analyzeRules(rules []faq.SynonymRule) map[string][]string {
	out := map[string][]string{}
	for _, r := range rules {
		for _, p := range slices.Concat(r.Input, r.Synonyms) {
			if _, ok := out[p]; !ok {
				out[p] = ix.analyze(p)
			}
		}
	}
	return out
}

// analyzed returns phrase's terms from phrases, analysing it when it is not there.
func (ix *Index) analyzed(phrases map[string][]string, phrase string) []string {
	if terms, ok := phrases[phrase]; ok {
		return terms
	}
	return ix.analyze(phrase)
}
