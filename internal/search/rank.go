package search

import (
	"context"
	"fmt"
	"sort"
	"strings"
)

// candidates is how many hits are re-ranked by how much of the question they cover.
const candidates = 15

// tieSlack is how many more hits than it keeps a search asks for, so that hits of
// equal score at the cut are chosen by content order rather than by the order the
// index happens to hold them in, which differs from build to build.
const tieSlack = 5

// match is one passage that matches a question, with its BM25 score and how much
// of the question it covers.
type match struct {
	passageID string
	score     float64
	// pos is the passage's place in content order: what breaks ties.
	pos int
	// aspects are what the passage answers (aspects.txt).
	aspects aspectSet
	// plainFAQ is true for an FAQ entry with no "Also asked" phrasings.
	plainFAQ bool
	// fit is the ranking key: how well the passage answers the question, all
	// things considered.
	fit float64
	covered
}

// Ranking by aspect: a passage answering what the question asks about ranks above
// its neighbours, one answering something else below them; a passage whose title
// shows no aspect is neither.
const (
	aspectMatch     = 1.2
	aspectAlsoAsked = 1.1 // an aspect the question asks about besides its first
	aspectMismatch  = 0.8
)

// subjectFactor is what a hit's title naming more than the question does makes of
// its rank: "What is (are) Cold urticaria?" ranks below "What is (are) Hives?" for
// "what is urticaria". Only titles whose words say what they are about count: those
// that show an aspect — an FAQ question whose other words are its subject —, and FAQ
// questions with no other phrasing; not headings such as "Safety Considerations and
// Risks", nor FAQ questions whose "Also asked" phrasings say it other ways.
func subjectFactor(h match) float64 {
	if !h.titled() {
		return 1
	}
	return 1 - subjectWeight*(1-h.subject)
}

// titled reports whether the hit's title alone says what it is about (see
// subjectFactor).
func (h match) titled() bool { return h.aspects != 0 || h.plainFAQ }

// subjectWeight is how much of a hit's rank depends on its title naming no more
// than the question.
const subjectWeight = 0.3

// asks is what a question asks about: every aspect it shows, and the first, which
// weighs most.
type asks struct {
	all, first aspectSet
}

// aspectFactor is what a hit's aspects make of its rank for a question asking q.
func aspectFactor(h match, q asks) float64 {
	switch {
	case h.aspects == 0 || q.all == 0:
		return 1
	case h.aspects.has(q.first):
		return aspectMatch
	case h.aspects.has(q.all):
		return aspectAlsoAsked
	}
	return aspectMismatch
}

// result is what a question finds.
type result struct {
	// hits are the best passages, best first.
	hits []match
	// terms counts the question's topic terms (generic words left out), askTerms
	// those of the sentences that ask something.
	terms, askTerms int
	// unknown lists question terms that no passage contains, even allowing for
	// typos and synonyms.
	unknown []string
	// asked is what the question asks about.
	asked asks
}

// find finds the passages that best answer question. It never interprets the
// question as query syntax.
func (ix *Index) find(ctx context.Context, question string, size int) (result, error) {
	concepts, asking := ix.read(question)
	return ix.findConcepts(ctx, concepts, ix.asks(question, asking, concepts), size)
}

// bareTopic is how many topic terms a message naming no aspect may have to be
// taken as asking what its topic is ("shingles", "valley fever"); up to
// shortQuestion when it is not put as a question.
const bareTopic = 2

// asks is what a question asks about: the aspects its asking part shows; for a bare
// topic, the overview; else none.
func (ix *Index) asks(question, asking string, concepts []concept) asks {
	if len(question) > maxQuestionBytes {
		question = question[:maxQuestionBytes]
	}
	if all, first := aspects.ofQuestion(asking, ix.dictionary); all != 0 {
		return asks{all, first}
	}
	if n := topics(concepts); n <= bareTopic || n <= shortQuestion && !asksSomething(question) {
		return asks{aspects.fallback, aspects.fallback}
	}
	return asks{}
}

// asksSomething reports whether a message is put as a question — a question mark,
// or a first word that asks — rather than as bare keywords ("keratoderma with
// woolly hair").
func asksSomething(q string) bool {
	return strings.Contains(q, "?") || interrogatives[firstWord(q)]
}

// askedTopics counts the concepts of the sentences that ask something (or of the
// whole message when none gives context) that are not generic words.
func askedTopics(concepts []concept) int {
	n := 0
	for _, c := range concepts {
		if !c.generic && c.factor == 1 {
			n++
		}
	}
	return n
}

// topics counts the concepts that are not generic words.
func topics(concepts []concept) int {
	n := 0
	for _, c := range concepts {
		if !c.generic {
			n++
		}
	}
	return n
}

// findConcepts finds the size passages that best match a question's concepts and
// the aspects it asks about.
func (ix *Index) findConcepts(ctx context.Context, concepts []concept, asked asks, size int) (result, error) {
	size = max(size, 0)
	res := result{asked: asked, terms: topics(concepts), askTerms: askedTopics(concepts)}
	for _, c := range concepts {
		if !c.known {
			res.unknown = append(res.unknown, c.text)
		}
	}
	q := ix.query(concepts)
	if q == nil {
		return res, nil
	}
	keep := max(size, candidates)
	hits, err := ix.exec.Search(ctx, q, keep+tieSlack)
	if err != nil {
		return res, fmt.Errorf("search: %w", err)
	}
	pos := make([]int, len(hits))
	order := make([]int, len(hits))
	for i, h := range hits {
		pos[i], order[i] = ix.position(h.ID), i
	}
	sort.SliceStable(order, func(a, b int) bool {
		ha, hb := order[a], order[b]
		if hits[ha].Score != hits[hb].Score {
			return hits[ha].Score > hits[hb].Score
		}
		return pos[ha] < pos[hb]
	})
	if len(order) > keep {
		order = order[:keep]
	}
	for _, i := range order {
		h := hits[i]
		m := match{passageID: h.ID, score: h.Score, pos: pos[i]}
		var subject []string
		if m.pos < len(ix.passages) {
			m.aspects, subject = ix.titleOf(m.pos)
			m.plainFAQ = ix.passages[m.pos].faq && len(ix.passages[m.pos].alternates) == 0
		}
		m.covered = coverage(concepts, h.Matched, subject)
		res.hits = append(res.hits, m)
	}
	rank(res.hits, asked)
	if len(res.hits) > size {
		res.hits = res.hits[:size]
	}
	return res, nil
}

// rank orders hits by how much of the question they cover, weighted by their BM25
// score relative to the best and by whether they answer what it asks about:
// coverage says whether a passage answers the question at all, BM25 (with its field
// boosts) and the aspect which of the passages that do fits best.
func rank(hits []match, asked asks) {
	if len(hits) == 0 {
		return
	}
	top := hits[0].score
	for i := range hits {
		h := &hits[i]
		k := h.coverage * (0.3 + 0.2*h.heading + 0.3*h.headingComplete + 0.2*h.score/top) * (0.5 + 0.5*h.complete)
		if !h.anchored {
			k /= 2
		}
		h.fit = k * aspectFactor(*h, asked) * subjectFactor(*h)
	}
	sort.SliceStable(hits, func(a, b int) bool {
		if hits[a].fit != hits[b].fit {
			return hits[a].fit > hits[b].fit
		}
		return hits[a].pos < hits[b].pos
	})
}

// position is a passage's place in content order; passages the library does not
// have come after all others.
func (ix *Index) position(id string) int {
	if i, ok := ix.byID[id]; ok {
		return i
	}
	return len(ix.passages)
}
