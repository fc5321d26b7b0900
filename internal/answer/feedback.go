package answer

import (
	"context"
	"crypto/hmac"
	"crypto/rand"
	"crypto/sha256"
	"encoding/hex"
	"unicode/utf8"

	"github.com/faqbot/faqbot/internal/faq"
)

// Feedback records a reader's rating of an answer; see faq.Service.
func (s *Service) Feedback(ctx context.Context, r faq.FeedbackRequest) (faq.Answer, error) {
	start := s.cfg.Now()
	comment := normalise(r.Comment)
	var a faq.Answer
	err := s.checkFeedback(r, comment)
	if err == nil {
		a = faq.Answer{Kind: faq.KindThanks, Text: ThanksText}
		if urgent, ok := s.safety(comment); ok {
			// Someone in crisis or an emergency gets the resources or the advice; what
			// they wrote is not passed on.
			urgent.Question = ""
			a, comment = urgent, ""
		}
	}
	err = s.userError(err)
	e := s.event(faq.ActionFeedback, r.Origin, start, err)
	e.Kind, e.PassageID, e.Question = a.Kind, r.PassageID, normalise(r.Question)
	if err == nil {
		e.Vote = &faq.Vote{Key: s.voteKey(r), Helpful: r.Helpful, Comment: comment}
	}
	s.obs.Observe(e)
	return a, err
}

func (s *Service) checkFeedback(r faq.FeedbackRequest, comment string) error {
	switch {
	case r.User == "":
		return faq.Errorf(faq.EINVALID, noVoterText)
	case r.PassageID == "":
		return faq.Errorf(faq.EINVALID, noPassageText)
	case utf8.RuneCountInString(comment) > faq.MaxComment:
		return faq.Errorf(faq.EINVALID, longCommentText, faq.MaxComment)
	}
	_, err := s.lib.Entry(r.PassageID)
	return err
}

// voteKey is the HMAC-SHA256, keyed with the configured secret, of the user and the
// answer rated: the same for a person's later votes on the same answer, and useless
// for finding the person without the secret.
func (s *Service) voteKey(r faq.FeedbackRequest) string {
	answer := r.Answer
	if answer == "" {
		answer = "passage " + r.PassageID
	}
	m := hmac.New(sha256.New, s.cfg.VoteSecret)
	m.Write([]byte(r.User))
	m.Write([]byte{0})
	m.Write([]byte(answer))
	return hex.EncodeToString(m.Sum(nil))
}

// randomSecret returns 32 random bytes.
func randomSecret() []byte {
	b := make([]byte, 32)
	rand.Read(b)
	return b
}
