package search

import (
	"sort"
	"strings"
	"unicode/utf8"
)

// Limits on what a question can make the index do, and what its terms weigh.
const (
	// maxQuestionBytes is how much of a question is analysed; the rest is ignored.
	maxQuestionBytes = 8 << 10
	// maxConcepts is how many of a question's terms are searched, the rarest first,
	// so a long question stays fast and its key terms are not drowned.
	maxConcepts = 24
	// Weights of the ways a passage can match a question term.
	exactFactor      = 1.0
	equivalentFactor = 0.9  // an equivalent synonym (brand and generic name)
	oneWayFactor     = 0.75 // a one-way synonym (drug to class, lay word to term)
	// genericWeight is the weight of a generic word the content contains.
	genericWeight = 0.1
	// minWeight is the least a topic term weighs, even one in every passage: the
	// subject of the content ("ketamine") still has to be matched.
	minWeight = 0.5
	// minTermRunes: shorter words the content does not know ("u", "ur") are ignored.
	minTermRunes = 3
)

// alternative is one way a concept can appear in a passage: a term or a phrase.
type alternative struct {
	terms  []string
	factor float64
	idf    float64
	typo   bool // found by typo correction
	// anchors is true when a match of this alternative shows the passage is about
	// the question: exact terms and synonyms, and corrections of long words.
	anchors bool
	// rare marks a word the content has a few times only that is likely a typo of
	// one of the other alternatives: its rarity does not make the concept weigh.
	rare bool
}

// concept is one topic term of a question with its synonyms and typo corrections.
type concept struct {
	text   string
	alts   []alternative
	weight float64
	known  bool
	// generic marks a word that names no topic (generic.txt): it counts little.
	generic bool
	// factor is 1 in a sentence that asks something, less in one that gives context.
	factor float64
}

// concepts analyses a question into its topic terms, most important first.
func (ix *Index) concepts(question string) []concept {
	cs, _ := ix.read(question)
	return cs
}

// read analyses a question into its topic terms, most important first, and the
// part of it that asks something.
func (ix *Index) read(question string) (out []concept, asking string) {
	if len(question) > maxQuestionBytes {
		question = question[:maxQuestionBytes]
	}
	terms, words, asked, asking := ix.analyzeQuestion(apostrophes.Replace(strings.ToValidUTF8(question, " ")))
	seen := map[string]int{}
	for i := 0; i < len(terms); {
		c := concept{}
		n := 1
		t := terms[i]
		df, known := ix.vocab[t]
		switch e, ok := ix.synonyms.match(terms[i:]); {
		case ok:
			n = len(e.lhs)
			c.alts = append(c.alts, alternative{terms: e.lhs, factor: exactFactor})
			for _, r := range e.rhs {
				c.alts = append(c.alts, alternative{terms: r.terms, factor: r.factor})
			}
		case !known && (ix.generic[t] || isNumber(t) || utf8.RuneCountInString(t) < minTermRunes ||
			(!ix.dictionary.has(words[i]) && ix.commonTypo(t))):
			// A generic word or number the content lacks, a fragment like "u", or a
			// misspelt common word ("befor"): no topic.
			i++
			continue
		default:
			c.generic = ix.generic[t]
			c.alts = append(c.alts, alternative{terms: terms[i : i+1], factor: exactFactor})
			// A word the content lacks may be a typo — unless it is spelled right.
			if !known && !ix.dictionary.has(words[i]) {
				alts, genericOnly := ix.corrections(t)
				if genericOnly {
					i++
					continue
				}
				c.alts = append(c.alts, alts...)
			}
			// So may one the content has a few times only, misspelt there too
			// ("symtoms"): it also stands for a far more common word a typo away.
			if known && df <= rareTypoDF && !ix.dictionary.has(words[i]) {
				if alts := ix.commonCorrections(t, df); len(alts) > 0 {
					c.alts[0].rare = true
					c.alts = append(c.alts, alts...)
				}
			}
		}
		c.text = strings.Join(terms[i:i+n], " ")
		factor := asked[i]
		i += n
		if j, ok := seen[c.text]; ok {
			// Said twice: it weighs as where it matters most.
			if factor > out[j].factor {
				out[j].weight *= factor / out[j].factor
				out[j].factor = factor
			}
			continue
		}
		seen[c.text] = len(out)
		ix.weigh(&c)
		c.factor = factor
		c.weight *= factor
		out = append(out, c)
	}
	sort.SliceStable(out, func(a, b int) bool { return out[a].weight > out[b].weight })
	if len(out) > maxConcepts {
		out = out[:maxConcepts]
	}
	return out, asking
}

func isNumber(t string) bool {
	for _, r := range t {
		if r < '0' || r > '9' {
			return false
		}
	}
	return t != ""
}

// weigh sets a concept's weight: the IDF of its rarest known alternative, or the
// highest possible IDF when the content knows none of them.
func (ix *Index) weigh(c *concept) {
	keep := c.alts[:0]
	for _, a := range c.alts {
		idf, ok := ix.phraseIDF(a.terms)
		if !ok {
			continue
		}
		a.idf = idf
		keep = append(keep, a)
		if idf > c.weight && !a.rare {
			c.weight = idf
		}
	}
	c.alts = keep
	c.known = len(keep) > 0
	switch {
	case !c.known:
		c.weight = ix.idf(0)
	case c.generic:
		c.weight = genericWeight
	default:
		c.weight = max(c.weight, minWeight)
	}
}

// phraseIDF is the IDF of a term, or of a phrase's rarest term; ok is false when
// some term of it is in no passage.
func (ix *Index) phraseIDF(terms []string) (float64, bool) {
	best := 0.0
	for _, t := range terms {
		df, ok := ix.vocab[t]
		if !ok {
			return 0, false
		}
		if idf := ix.idf(df); idf > best {
			best = idf
		}
	}
	return best, true
}
