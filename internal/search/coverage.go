package search

import bsearch "github.com/blevesearch/bleve/v2/search"

// covered is how much of a question a passage covers.
type covered struct {
	// coverage is the share (0..1) of the question's weight the passage matches:
	// each term weighs its rarity (IDF), and terms the content does not know at all
	// weigh as much as the rarest term.
	coverage float64
	// heading is the share of the question's weight the passage's title and
	// alternate phrasings alone match.
	heading float64
	// complete is the share of the question's topic terms the passage matches at
	// all, each counted once whatever its weight.
	complete float64
	// headingComplete is the share of the question's topic terms the passage's
	// title and alternate phrasings match: an FAQ question that says everything the
	// user asked is the best match of all.
	headingComplete float64
	// key is the share of the weight of the question's asking sentences that the
	// passage matches: what a question with context around it is about. Without
	// context it equals coverage.
	key float64
	// keyHeading is the share of the topic terms of the asking sentences that the
	// passage's title and alternate phrasings match. Without context it equals
	// headingComplete.
	keyHeading float64
	// keyComplete is the share of the topic terms of the asking sentences the
	// passage matches at all. Without context it equals complete.
	keyComplete float64
	// anchored is true when the passage matches at least one topic term of the
	// question as written or through a synonym — not only generic words or typo
	// corrections.
	anchored bool
	// subject is the share of the subject terms of the passage's title the
	// question matches: "urticaria" matches all of "Hives" (through a synonym), half
	// of "Cold urticaria". 1 for a title without subject terms.
	subject float64
}

// coverage measures how much of the concepts a hit's matched terms cover, and how
// much of the subject of its title they match.
func coverage(concepts []concept, locs bsearch.FieldTermLocationMap, subject []string) covered {
	// Where each matched term is: one map of flags, as this runs for every hit.
	where := make(map[string]uint8, 16)
	for field, terms := range locs {
		for t := range terms {
			f := where[t] | inBody
			if field == fieldTitle || field == fieldAlternates {
				f |= inHeading
			}
			if field == fieldTitle {
				f |= inTitle
			}
			where[t] = f
		}
	}
	var cv covered
	var total, got, gotHeading, keyTotal, keyGot float64
	topics, topicsMatched, topicsInHeading, keyTopics, keyMatched, keyInHeading := 0, 0, 0, 0, 0, 0
	for _, c := range concepts {
		total += c.weight
		best, bestHeading := 0.0, 0.0
		var bestTitle *alternative
		for i, a := range c.alts {
			if allMatched(a.terms, where, inTitle) && (bestTitle == nil || a.factor > bestTitle.factor) {
				bestTitle = &c.alts[i]
			}
			if !allMatched(a.terms, where, inBody) {
				continue
			}
			best = max(best, c.weight*a.factor)
			if allMatched(a.terms, where, inHeading) {
				bestHeading = max(bestHeading, c.weight*a.factor)
			}
			if !c.generic && !isNumber(c.text) && (!a.typo || a.anchors) {
				cv.anchored = true
			}
		}
		// The title terms the question names: those of the best alternative of each
		// concept found in the title, so that "depression" names "depression" in
		// "Major depression", not "major" through a synonym that narrows it.
		if bestTitle != nil {
			for _, t := range bestTitle.terms {
				where[t] |= named
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
			keyTopics++
			if best > 0 {
				keyMatched++
			}
			if bestHeading > 0 {
				keyInHeading++
			}
		}
	}
	if total == 0 || topics == 0 {
		return covered{}
	}
	cv.subject = 1
	if len(subject) > 0 {
		n := 0
		for _, t := range subject {
			if where[t]&named != 0 {
				n++
			}
		}
		cv.subject = float64(n) / float64(len(subject))
	}
	cv.coverage, cv.heading = got/total, gotHeading/total
	cv.complete = float64(topicsMatched) / float64(topics)
	cv.headingComplete = float64(topicsInHeading) / float64(topics)
	if keyTotal > 0 {
		cv.key = keyGot / keyTotal
	}
	cv.keyHeading, cv.keyComplete = cv.headingComplete, cv.complete
	if keyTopics > 0 {
		cv.keyHeading = float64(keyInHeading) / float64(keyTopics)
		cv.keyComplete = float64(keyMatched) / float64(keyTopics)
	}
	return cv
}

// Flags of where a term was matched (coverage).
const (
	inBody    uint8 = 1 << iota // anywhere in the passage
	inHeading                   // in the title or the alternate phrasings
	inTitle                     // in the title
	named                       // a title term the question names
)

// allMatched reports whether every term has the flag.
func allMatched(terms []string, where map[string]uint8, flag uint8) bool {
	for _, t := range terms {
		if where[t]&flag == 0 {
			return false
		}
	}
	return true
}
