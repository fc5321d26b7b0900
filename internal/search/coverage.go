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
	matched := map[string]bool{}
	inHeading := map[string]bool{}
	inTitle := map[string]bool{}
	for field, terms := range locs {
		for t := range terms {
			matched[t] = true
			if field == fieldTitle || field == fieldAlternates {
				inHeading[t] = true
			}
			if field == fieldTitle {
				inTitle[t] = true
			}
		}
	}
	// The title terms the question names: those of the best alternative of each
	// concept found in the title, so that "depression" names "depression" in "Major
	// depression", not "major" through a synonym that narrows it.
	named := map[string]bool{}
	var cv covered
	var total, got, gotHeading, keyTotal, keyGot float64
	topics, topicsMatched, topicsInHeading, keyTopics, keyMatched, keyInHeading := 0, 0, 0, 0, 0, 0
	for _, c := range concepts {
		total += c.weight
		best, bestHeading := 0.0, 0.0
		var bestTitle *alternative
		for i, a := range c.alts {
			if allMatched(a.terms, inTitle) && (bestTitle == nil || a.factor > bestTitle.factor) {
				bestTitle = &c.alts[i]
			}
			if !allMatched(a.terms, matched) {
				continue
			}
			best = max(best, c.weight*a.factor)
			if allMatched(a.terms, inHeading) {
				bestHeading = max(bestHeading, c.weight*a.factor)
			}
			if !c.generic && !isNumber(c.text) && (!a.typo || a.anchors) {
				cv.anchored = true
			}
		}
		if bestTitle != nil {
			for _, t := range bestTitle.terms {
				named[t] = true
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
			if named[t] {
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

func allMatched(terms []string, matched map[string]bool) bool {
	for _, t := range terms {
		if !matched[t] {
			return false
		}
	}
	return true
}
