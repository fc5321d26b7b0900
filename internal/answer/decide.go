package answer

import "github.com/faqbot/faqbot/internal/faq"

// MaxSuggestions is how many entries a reply offers when it is not sure which
// answers the question.
const MaxSuggestions = 3

// decide turns what the index found into the reply: the best passage when the ranker
// judged that it answers the question; the closest entries, without their text, when
// it is unsure; else "not covered" with the nearest topics.
func (s *Service) decide(question string, m faq.Match) faq.Answer {
	if m.Verdict == faq.VerdictUnsure && len(m.Entries) > 0 {
		return s.suggestions(question, m)
	}
	if m.Verdict != faq.VerdictAnswer || len(m.Entries) == 0 {
		return s.noAnswer(question, m)
	}
	a := s.answerFrom(question, m.Entries[0])
	for _, en := range m.Entries[1:] {
		if len(a.Alternatives) == s.cfg.Alternatives {
			break
		}
		a.Alternatives = append(a.Alternatives, alternative(en))
	}
	return a
}

// suggestions offers the closest entries — title, document and score, never a
// passage's text — saying the content may not cover the question.
func (s *Service) suggestions(question string, m faq.Match) faq.Answer {
	a := faq.Answer{Question: question, Kind: faq.KindSuggestions, Text: SuggestionsText, Disclaimer: s.cfg.Disclaimer}
	for _, en := range m.Entries[:min(len(m.Entries), MaxSuggestions)] {
		a.Alternatives = append(a.Alternatives, alternative(en))
	}
	return a
}

// noAnswer says the content does not cover the question (or that there is no
// question), with the nearest topics the ranker found.
func (s *Service) noAnswer(question string, m faq.Match) faq.Answer {
	a := faq.Answer{Question: question, Kind: faq.KindNoAnswer, Text: NotCoveredText, Disclaimer: s.cfg.Disclaimer}
	if m.Verdict == faq.VerdictNoQuestion {
		a.Text = NoQuestionText
	}
	for _, en := range m.Entries {
		a.Alternatives = append(a.Alternatives, alternative(en))
	}
	return a
}

// answerFrom makes an answer of one passage, with its document's references and
// disclaimer.
func (s *Service) answerFrom(question string, en faq.Entry) faq.Answer {
	d, p := en.Document, en.Passage
	disclaimer := s.cfg.Disclaimer
	if d.Disclaimer != "" {
		disclaimer = d.Disclaimer
	}
	return faq.Answer{
		Question:     question,
		Kind:         faq.KindAnswer,
		Title:        p.Title,
		Text:         en.Text,
		Document:     d.Title,
		References:   d.References,
		Disclaimer:   disclaimer,
		Score:        en.Score,
		PassageID:    p.ID,
		DocumentID:   d.ID,
		Section:      p.Section,
		Reviewed:     d.Reviewed,
		ReviewNotice: s.reviewNotice(d),
	}
}

func alternative(en faq.Entry) faq.Alternative {
	return faq.Alternative{Title: en.Passage.Title, Score: en.Score, PassageID: en.Passage.ID, Document: en.Document.Title}
}
