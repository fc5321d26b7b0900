package search

import (
	_ "embed"
	"strings"

	"github.com/blevesearch/bleve/v2/analysis"
	"github.com/blevesearch/bleve/v2/analysis/lang/en"
)

// genericText lists words that name no topic (greetings, pronouns, generic verbs,
// time and quantity words). A question's generic word that the content lacks is
// ignored; one the content has counts little. Every other word the content lacks is
// a topic it does not cover.
//
//go:embed generic.txt
var genericText string

// genericWords are the words of generic.txt.
var genericWords = parseWordList(genericText)

func parseWordList(s string) []string {
	var out []string
	for _, line := range strings.Split(s, "\n") {
		line = strings.TrimSpace(line)
		if line == "" || strings.HasPrefix(line, "#") {
			continue
		}
		out = append(out, line)
	}
	return out
}

// commonWords returns the generic words with the English stop words, which the
// analyzer removes: the words a misspelling may stand for without naming a topic.
func commonWords(generic map[string]bool) map[string]int {
	out := make(map[string]int, len(generic)+200)
	for w := range generic {
		out[w] = 1
	}
	stop := analysis.NewTokenMap()
	if err := stop.LoadBytes(en.EnglishStopWords); err == nil {
		for w := range stop {
			out[w] = 1
		}
	}
	return out
}
