package search

import (
	_ "embed"
	"fmt"

	"github.com/faqbot/faqbot/internal/content"
	"github.com/faqbot/faqbot/internal/faq"
)

// vocabularyText is the general consumer-health vocabulary: lay and medical names,
// abbreviations, British and American spellings, word forms the stemmer keeps apart,
// brand and generic names (see the head of vocabulary.txt for its source and
// licence). It is applied to every question through the same synonym table as the
// content's own synonyms.txt.
//
//go:embed vocabulary.txt
var vocabularyText []byte

// vocabulary is vocabulary.txt parsed.
var vocabulary = mustParseSynonyms("vocabulary.txt", vocabularyText)

// mustParseSynonyms parses embedded synonym rules. The data is checked by the
// package tests, so an error is a programming error and panics.
func mustParseSynonyms(name string, data []byte) []faq.SynonymRule {
	rules, err := content.ParseSynonyms(name, data)
	if err != nil {
		panic(fmt.Sprintf("search: %v", err))
	}
	return rules
}
