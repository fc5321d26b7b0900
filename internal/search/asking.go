package search

import (
	"strings"

	"github.com/blevesearch/bleve/v2/analysis"
)

// contextFactor is what a term weighs in a sentence that gives context, when other
// sentences of the message ask something: "My dad was just diagnosed with X. Is it
// inherited?" is about X being inherited, not about dads.
const contextFactor = 0.35

// analyzeQuestion analyses a question like the content, returning each term with
// the word it came from (lower case, without a possessive "'s") and the weight of
// the sentence it is in: 1, or contextFactor for context around the sentences that
// ask something.
//
// It also returns the part of q that asks something (askingText).
func (ix *Index) analyzeQuestion(q string) (terms, words []string, weights []float64, asks string) {
	tokens := ix.analyzer.Analyze([]byte(q))
	asking := askingSentences(q, ix.namesTopic(tokens))
	asks = askingText(q, asking)
	for _, tok := range tokens {
		terms = append(terms, string(tok.Term))
		w := ""
		if tok.Start >= 0 && tok.End <= len(q) && tok.Start < tok.End {
			w = strings.TrimSuffix(strings.ToLower(q[tok.Start:tok.End]), "'s")
		}
		words = append(words, w)
		weight := 1.0
		if asking != nil && !asking(tok.Start) {
			weight = contextFactor
		}
		weights = append(weights, weight)
	}
	return terms, words, weights, asks
}

// interrogatives start a sentence that asks something even without a question mark.
var interrogatives = map[string]bool{
	"what": true, "whats": true, "how": true, "hows": true, "why": true, "when": true,
	"where": true, "who": true, "which": true, "is": true, "are": true, "can": true,
	"could": true, "should": true, "does": true, "do": true, "will": true, "would": true,
	"may": true, "am": true, "was": true, "did": true, "has": true, "have": true,
}

// topicLine is how many words a message's first sentence may have to be its subject
// line ("Re: atenolol", "Question about side effects"): the topic of the question
// that follows it, which counts as what it asks. At least half its words must name
// something: "Hi, first time posting here." is no subject line.
const topicLine = 6

// namesTopic returns whether the text from start to end, of which tokens are the
// analysis, has at least half its words neither stop words nor generic words.
func (ix *Index) namesTopic(tokens analysis.TokenStream) func(text string, start, end int) bool {
	return func(text string, start, end int) bool {
		named := 0
		for _, t := range tokens {
			if t.Start >= start && t.End <= end && !ix.generic[string(t.Term)] {
				named++
			}
		}
		return 2*named >= len(strings.Fields(text[start:end]))
	}
}

// askingSentences splits q into sentences and returns whether the byte at an offset
// is in one that asks something (ends with "?" or starts with an interrogative), or
// in a subject line before one (namesTopic tells a subject line from a greeting). It
// returns nil when every sentence asks, or none does: then all words count alike.
func askingSentences(q string, namesTopic func(text string, start, end int) bool) func(offset int) bool {
	type span struct {
		end    int
		asking bool
	}
	var spans []span
	start := 0
	asks, gives := false, false
	for i := 0; i <= len(q); i++ {
		if i < len(q) && !strings.ContainsRune(".?!\n", rune(q[i])) {
			continue
		}
		sentence := strings.TrimSpace(q[start:i])
		if sentence != "" {
			asking := (i < len(q) && q[i] == '?') || interrogatives[firstWord(sentence)]
			spans = append(spans, span{end: i, asking: asking})
			asks = asks || asking
			gives = gives || !asking
		}
		start = i + 1
	}
	if asks && !spans[0].asking && len(strings.Fields(q[:spans[0].end])) <= topicLine && namesTopic(q, 0, spans[0].end) {
		spans[0].asking = true
		gives = false
		for _, s := range spans {
			gives = gives || !s.asking
		}
	}
	if !asks || !gives {
		return nil
	}
	return func(offset int) bool {
		for _, s := range spans {
			if offset < s.end {
				return s.asking
			}
		}
		return spans[len(spans)-1].asking
	}
}

// askingText is the part of q that asks something, given askingSentences' answer:
// its asking sentences when it has sentences that give context too, else all of it.
func askingText(q string, asking func(offset int) bool) string {
	if asking == nil {
		return q
	}
	var b strings.Builder
	start := 0
	for i := 0; i <= len(q); i++ {
		if i < len(q) && !strings.ContainsRune(".?!\n", rune(q[i])) {
			continue
		}
		if asking(start) && strings.TrimSpace(q[start:i]) != "" {
			b.WriteString(q[start:i] + ". ")
		}
		start = i + 1
	}
	return b.String()
}

// firstWord returns a sentence's first word in lower case, letters only.
func firstWord(sentence string) string {
	f := strings.FieldsFunc(sentence, func(r rune) bool {
		return !('a' <= r && r <= 'z' || 'A' <= r && r <= 'Z' || r == '\'')
	})
	if len(f) == 0 {
		return ""
	}
	return strings.ReplaceAll(strings.ToLower(f[0]), "'", "")
}

// apostrophes makes typographic apostrophes plain, so "don’t" is analysed like "don't".
var apostrophes = strings.NewReplacer("\u2019", "'", "\u2018", "'", "\uFF07", "'")
