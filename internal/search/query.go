package search

import (
	"context"
	"fmt"
	"sort"
	"strings"
	"unicode/utf8"

	bsearch "github.com/blevesearch/bleve/v2/search"
	"github.com/blevesearch/bleve/v2/search/query"
)

// Limits on what a question can make the index do.
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
	typoFactor       = 0.85 // a typo correction one edit away
	typo2Factor      = 0.7  // a typo correction two edits away
	// genericWeight is the weight of a generic word the content contains.
	genericWeight = 0.1
	// minWeight is the least a topic term weighs, even one in every passage: the
	// subject of the content ("ketamine") still has to be matched.
	minWeight = 0.5
	// minAnchorRunes: a typo correction of a word this long is trusted to show what
	// the question is about; shorter words collide by chance ("moon", "mood").
	minAnchorRunes = 6
	// minTermRunes: shorter words the content does not know ("u", "ur") are ignored.
	minTermRunes = 3
	// candidates is how many hits are re-ranked by how much of the question they cover.
	candidates = 10
)

// Hit is one passage that matches a question.
type Hit struct {
	PassageID string
	// Score is bleve's BM25 score of the passage.
	Score float64
	// Coverage is the share (0..1) of the question's weight the passage matches:
	// each term weighs its rarity (IDF), and terms the content does not know at all
	// weigh as much as the rarest term.
	Coverage float64
	// Heading is the share of the question's weight the passage's title and
	// alternate phrasings alone match.
	Heading float64
	// Complete is the share of the question's topic terms the passage matches at
	// all, each counted once whatever its weight.
	Complete float64
	// HeadingComplete is the share of the question's topic terms the passage's
	// title and alternate phrasings match: an FAQ question that says everything the
	// user asked is the best match of all.
	HeadingComplete float64
	// Key is the share of the weight of the question's asking sentences that the
	// passage matches: what a question with context around it is about. Without
	// context it equals Coverage.
	Key float64
	// Anchored is true when the passage matches at least one topic term of the
	// question as written or through a synonym — not only generic words or typo
	// corrections.
	Anchored bool
}

// Result is the outcome of a search.
type Result struct {
	// Hits are the best passages, best first.
	Hits []Hit
	// Terms counts the question's topic terms (generic words left out).
	Terms int
	// Unknown lists question terms that no passage contains, even allowing for typos
	// and synonyms.
	Unknown []string
}

// alternative is one way a concept can appear in a passage: a term or a phrase.
type alternative struct {
	terms  []string
	factor float64
	idf    float64
	typo   bool // found by typo correction
	// anchors is true when a match of this alternative shows the passage is about
	// the question: exact terms and synonyms, and corrections of long words.
	anchors bool
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

// Search finds the passages that best answer question. It never interprets the
// question as query syntax.
func (ix *Index) Search(ctx context.Context, question string, size int) (Result, error) {
	concepts := ix.concepts(question)
	res := Result{}
	for _, c := range concepts {
		if !c.generic {
			res.Terms++
		}
	}
	for _, c := range concepts {
		if !c.known {
			res.Unknown = append(res.Unknown, c.text)
		}
	}
	q := ix.query(concepts)
	if q == nil {
		return res, nil
	}
	hits, err := ix.exec.Search(ctx, q, max(size, candidates))
	if err != nil {
		return res, fmt.Errorf("search: %w", err)
	}
	for _, h := range hits {
		cv := coverage(concepts, h.Matched)
		res.Hits = append(res.Hits, Hit{PassageID: h.ID, Score: h.Score, Coverage: cv.all, Heading: cv.heading,
			Complete: cv.complete, HeadingComplete: cv.headingComplete, Key: cv.key, Anchored: cv.anchored})
	}
	rank(res.Hits)
	if len(res.Hits) > size {
		res.Hits = res.Hits[:size]
	}
	return res, nil
}

// concepts analyses a question into its topic terms, most important first.
func (ix *Index) concepts(question string) []concept {
	if len(question) > maxQuestionBytes {
		question = question[:maxQuestionBytes]
	}
	terms, words, asked := ix.analyzeQuestion(apostrophes.Replace(strings.ToValidUTF8(question, " ")))
	seen := map[string]int{}
	var out []concept
	for i := 0; i < len(terms); {
		c := concept{}
		n := 1
		t := terms[i]
		_, known := ix.vocab[t]
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
	return out
}

// contextFactor is what a term weighs in a sentence that gives context, when other
// sentences of the message ask something: "My dad was just diagnosed with X. Is it
// inherited?" is about X being inherited, not about dads.
const contextFactor = 0.35

// analyzeQuestion analyses a question like the content, returning each term with
// the word it came from (lower case, without a possessive "'s") and the weight of
// the sentence it is in: 1, or contextFactor for context around the sentences that
// ask something.
func (ix *Index) analyzeQuestion(q string) (terms, words []string, weights []float64) {
	asking := askingSentences(q)
	for _, tok := range ix.analyzer.Analyze([]byte(q)) {
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
	return terms, words, weights
}

// interrogatives start a sentence that asks something even without a question mark.
var interrogatives = map[string]bool{
	"what": true, "whats": true, "how": true, "hows": true, "why": true, "when": true,
	"where": true, "who": true, "which": true, "is": true, "are": true, "can": true,
	"could": true, "should": true, "does": true, "do": true, "will": true, "would": true,
	"may": true, "am": true, "was": true, "did": true, "has": true, "have": true,
}

// askingSentences splits q into sentences and returns whether the byte at an offset
// is in one that asks something (ends with "?" or starts with an interrogative). It
// returns nil when every sentence asks, or none does: then all words count alike.
func askingSentences(q string) func(offset int) bool {
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
		if idf > c.weight {
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

// corrections returns the indexed terms, and synonym terms, one or two edits away
// from an unknown term: the typo tolerance. Short terms get none.
//
// genericOnly is true when the term is closest to generic words only: a misspelt
// word that names no topic.
func (ix *Index) corrections(term string) (alts []alternative, genericOnly bool) {
	n := utf8.RuneCountInString(term)
	fuzziness := 1
	if n >= 5 {
		fuzziness = 2 // a transposed pair of letters is two edits
	}
	best := ix.fuzzy.near(term, fuzziness)
	generic := false
	for t := range best {
		if ix.generic[t] {
			delete(best, t) // a generic word is no topic to correct to
			generic = true
		}
	}
	if generic && len(best) == 0 {
		return nil, true
	}
	minD := fuzziness + 1
	for _, d := range best {
		minD = min(minD, d)
	}
	var out []alternative
	for t, d := range best {
		if d == minD {
			out = append(out, alternative{terms: []string{t}, factor: typoWeight(d), typo: true, anchors: n >= minAnchorRunes})
		}
	}
	// A misspelt synonym ("zolloft") corrects to the synonym's expansions; only one
	// edit away, and only for longer words, as synonyms are few and short ones collide.
	if n >= minAnchorRunes {
		for first, entries := range ix.synonyms.byFirst {
			d, over := bsearch.LevenshteinDistanceMax(term, first, 1)
			if over || d > 1 || d > minD {
				continue
			}
			for _, e := range entries {
				if len(e.lhs) != 1 {
					continue
				}
				for _, r := range e.rhs {
					out = append(out, alternative{terms: r.terms, factor: typoFactor * r.factor, typo: true, anchors: true})
				}
			}
		}
	}
	sort.Slice(out, func(a, b int) bool {
		return strings.Join(out[a].terms, " ") < strings.Join(out[b].terms, " ")
	})
	return out, false
}

// commonTypo reports whether an unknown term is a generic or stop word with one
// letter left out ("befor", "realy", "shoud"). Only omissions count: a letter
// changed may as well be another word ("hair", "fair").
func (ix *Index) commonTypo(term string) bool {
	n := utf8.RuneCountInString(term)
	if n < 4 {
		return false
	}
	for w, d := range ix.common.near(term, 1) {
		if d == 1 && utf8.RuneCountInString(w) == n+1 {
			return true
		}
	}
	return false
}

func typoWeight(edits int) float64 {
	if edits <= 1 {
		return typoFactor
	}
	return typo2Factor
}

// query turns concepts into a bleve query: each alternative of each concept is
// looked for in every field, weighted by the field's boost and how the alternative
// was found. Only term and phrase queries are built, so nothing in the question is
// ever read as query syntax.
func (ix *Index) query(concepts []concept) *query.DisjunctionQuery {
	var should []query.Query
	for _, c := range concepts {
		for _, a := range c.alts {
			for _, f := range fieldBoosts {
				var q query.Query
				if len(a.terms) == 1 {
					tq := query.NewTermQuery(a.terms[0])
					tq.SetField(f.name)
					tq.SetBoost(f.boost * a.factor)
					q = tq
				} else {
					pq := query.NewPhraseQuery(a.terms, f.name)
					pq.SetBoost(f.boost * a.factor)
					q = pq
				}
				should = append(should, q)
			}
		}
	}
	if len(should) == 0 {
		return nil
	}
	return query.NewDisjunctionQuery(should)
}

// rank orders hits by how much of the question they cover, weighted by their BM25
// score relative to the best: coverage says whether a passage answers the question
// at all, BM25 (with its field boosts) which of the passages that do fits best.
func rank(hits []Hit) {
	if len(hits) == 0 {
		return
	}
	top := hits[0].Score
	key := func(h Hit) float64 {
		k := h.Coverage * (0.3 + 0.2*h.Heading + 0.3*h.HeadingComplete + 0.2*h.Score/top) * (0.5 + 0.5*h.Complete)
		if !h.Anchored {
			k /= 2
		}
		return k
	}
	sort.SliceStable(hits, func(a, b int) bool { return key(hits[a]) > key(hits[b]) })
}

// covered is how much of a question a passage covers; see Hit.
type covered struct {
	all, heading, complete, headingComplete, key float64
	anchored                                     bool
}

// coverage measures how much of the concepts a hit's matched terms cover.
func coverage(concepts []concept, locs bsearch.FieldTermLocationMap) covered {
	matched := map[string]bool{}
	inHeading := map[string]bool{}
	for field, terms := range locs {
		for t := range terms {
			matched[t] = true
			if field == fieldTitle || field == fieldAlternates {
				inHeading[t] = true
			}
		}
	}
	var cv covered
	var total, got, gotHeading, keyTotal, keyGot float64
	topics, topicsMatched, topicsInHeading := 0, 0, 0
	for _, c := range concepts {
		total += c.weight
		best, bestHeading := 0.0, 0.0
		for _, a := range c.alts {
			if !allMatched(a.terms, matched) {
				continue
			}
			best = max(best, c.weight*a.factor)
			if allMatched(a.terms, inHeading) {
				bestHeading = max(bestHeading, c.weight*a.factor)
			}
			if !c.generic && (!a.typo || a.anchors) {
				cv.anchored = true
			}
		}
		got += best
		gotHeading += bestHeading
		if c.generic {
			continue
		}
		topics++
		if best > 0 {
			topicsMatched++
		}
		if bestHeading > 0 {
			topicsInHeading++
		}
		if c.factor == 1 {
			keyTotal += c.weight
			keyGot += best
		}
	}
	if total == 0 || topics == 0 {
		return covered{}
	}
	cv.all, cv.heading = got/total, gotHeading/total
	cv.complete = float64(topicsMatched) / float64(topics)
	cv.headingComplete = float64(topicsInHeading) / float64(topics)
	if keyTotal > 0 {
		cv.key = keyGot / keyTotal
	}
	return cv
}

func allMatched(terms []string, matched map[string]bool) bool {
	for _, t := range terms {
		if !matched[t] {
			return false
		}
	}
	return true
}
