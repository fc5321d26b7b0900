package answer

import "github.com/faqbot/faqbot/internal/faq"

// safety is the reply to a message about an emergency or a crisis, which comes before
// anything else, and ok. An emergency (someone has taken too much, or was poisoned)
// needs help at once: its reply comes first, followed by the crisis resources when
// the message also suggests a crisis.
func (s *Service) safety(text string) (a faq.Answer, ok bool) {
	crisis := s.crisis.IsCrisis(text)
	switch {
	case s.emergency.IsEmergency(text):
		a = faq.Answer{Question: text, Kind: faq.KindEmergency, Text: s.cfg.EmergencyText}
		if crisis {
			a.Text += "\n\n" + s.cfg.CrisisText
		}
		return a, true
	case crisis:
		return faq.Answer{Question: text, Kind: faq.KindCrisis, Text: s.cfg.CrisisText}, true
	}
	return faq.Answer{}, false
}
