package engine

import (
	"math"

	"github.com/faqbot/faqbot/internal/faq"
	"github.com/faqbot/faqbot/internal/search"
)

// NotCoveredText is the reply text when the content does not answer a question.
const NotCoveredText = "This isn't covered in the content I answer from, so I can't give a reliable answer. " +
	"Please ask a healthcare professional."

// NoQuestionText is the reply text when a message has no words to search for
// (empty, punctuation, only greetings).
const NoQuestionText = "I didn't find a question in that message. Please ask in a few words what you want to know."

// minNearCoverage is how much of a question a passage must match to be offered as a
// nearby topic when the question is not answered.
const minNearCoverage = 0.2

// decide turns search results into an answer: the best passage only when it matches
// enough of the question, else no_answer with the nearest topics.
func (e *Engine) decide(st *state, question string, res search.Result) faq.Answer {
	var hits []search.Hit
	for _, h := range res.Hits {
		if _, ok := st.passages[h.PassageID]; ok {
			hits = append(hits, h)
		}
	}
	if len(hits) == 0 || !e.answers(hits[0], res.Terms) {
		a := faq.Answer{
			Question:   question,
			Kind:       faq.KindNoAnswer,
			Text:       NotCoveredText,
			Disclaimer: e.cfg.Disclaimer,
		}
		if res.Terms == 0 && len(res.Unknown) == 0 {
			a.Text = NoQuestionText
		}
		for _, h := range hits {
			if h.Coverage >= minNearCoverage {
				a.Alternatives = append(a.Alternatives, alternative(st, h))
			}
		}
		return a
	}
	a := e.answerFrom(question, st.passages[hits[0].PassageID], hits[0].Score)
	for _, h := range hits[1:] {
		if len(a.Alternatives) == e.cfg.Alternatives {
			break
		}
		a.Alternatives = append(a.Alternatives, alternative(st, h))
	}
	return a
}

// shortQuestion: a question with more topic terms needs less coverage (real users
// add context no passage repeats), falling with the square root of its length; what
// its asking sentences say must still be covered as much as a short question.
const shortQuestion = 4

// minShortComplete is the share of a short question's topic terms a passage must match.
const minShortComplete = 0.75

// answers reports whether a hit answers a question with the given number of topic
// terms: it must match a topic term as written or through a synonym, enough of what
// the question asks, and enough of the whole question.
func (e *Engine) answers(h search.Hit, terms int) bool {
	need := e.cfg.MinCoverage
	if terms > shortQuestion {
		need *= math.Sqrt(float64(shortQuestion) / float64(terms))
	} else if h.Complete < minShortComplete {
		// A short question names few things: a passage that leaves one of them out
		// ("is ketamine safe while pregnant" against a passage without pregnancy)
		// does not answer it, however rare the others are.
		return false
	}
	return h.Anchored && h.Key >= e.cfg.MinCoverage && h.Coverage >= need
}

func alternative(st *state, h search.Hit) faq.Alternative {
	loc := st.passages[h.PassageID]
	return faq.Alternative{Title: loc.p.Title, Score: h.Score, PassageID: h.PassageID, Document: loc.doc.Title}
}

// answerFrom renders one passage as an answer.
func (e *Engine) answerFrom(question string, loc located, score float64) faq.Answer {
	disclaimer := e.cfg.Disclaimer
	if loc.doc.Disclaimer != "" {
		disclaimer = loc.doc.Disclaimer
	}
	return faq.Answer{
		Question:   question,
		Kind:       faq.KindAnswer,
		Title:      loc.p.Title,
		Text:       loc.text(),
		Document:   loc.doc.Title,
		References: loc.doc.References,
		Disclaimer: disclaimer,
		Score:      score,
		PassageID:  loc.p.ID,
		DocumentID: loc.doc.ID,
		Section:    loc.p.Section,
		Reviewed:   loc.doc.Reviewed,
	}
}
