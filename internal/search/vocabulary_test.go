package search

import (
	"strings"
	"testing"
)

// TestVocabularyPhrases checks that no phrase of vocabulary.txt, or of the shipped
// content's synonyms.txt, loses its meaning to analysis: a phrase of several words
// that analyses to one term ("pass out" to "pass", "out" being a stop word) would
// make that term match what the phrase means.
func TestVocabularyPhrases(t *testing.T) {
	ix, lib := buildSeed(t)
	for _, r := range append(vocabulary, lib.Synonyms...) {
		for _, p := range append(append([]string(nil), r.Input...), r.Synonyms...) {
			words := strings.Fields(strings.NewReplacer("-", " ", "'", " ").Replace(p))
			if terms := ix.analyze(p); len(words) > 1 && len(terms) < 2 {
				t.Errorf("vocabulary phrase %q analyses to %q", p, terms)
			}
		}
	}
}

// TestVocabularyApplies: the vocabulary is applied to questions through the synonym
// table, as the content's synonyms are.
func TestVocabularyApplies(t *testing.T) {
	ix, _ := buildSeed(t)
	for q, want := range map[string]string{
		"happy pills": "antidepress", // a lay word for the content's word
		"shrink":      "healthcar provid",
	} {
		found := false
		for _, c := range ix.concepts(q) {
			for _, a := range c.alts {
				found = found || strings.Join(a.terms, " ") == want
			}
		}
		if !found {
			t.Errorf("concepts(%q) = %+v; want an alternative %q", q, ix.concepts(q), want)
		}
	}
}
