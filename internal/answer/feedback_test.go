package answer_test

import (
	"context"
	"strings"
	"testing"

	"github.com/faqbot/faqbot/internal/answer"
	"github.com/faqbot/faqbot/internal/faq"
)

// TestFeedback: a rating is acknowledged and observed with a vote key that is the same
// for the same person and answer only, and never with the user.
func TestFeedback(t *testing.T) {
	s, rec := openSeed(t, answer.Config{VoteSecret: []byte("secret")})
	passage := ask(t, s, "Can I drink alcohol while on ketamine therapy?").PassageID
	from := faq.Origin{Transport: faq.TransportGateway, Server: "g1", User: "u1"}
	vote := func(r faq.FeedbackRequest) *faq.Vote {
		t.Helper()
		a, err := s.Feedback(context.Background(), r)
		if err != nil || a.Kind != faq.KindThanks || a.Text != answer.ThanksText {
			t.Fatalf("Feedback(%+v) = %+v, %v; want thanks", r, a, err)
		}
		ev := rec.All()
		e := ev[len(ev)-1]
		if e.Action != faq.ActionFeedback || e.PassageID != passage || e.Server != "g1" || e.Vote == nil {
			t.Fatalf("event = %+v; want the feedback with its vote", e)
		}
		if strings.Contains(e.Vote.Key, "u1") || strings.Contains(e.Vote.Key, "m1") {
			t.Errorf("vote key %q shows the user or the message", e.Vote.Key)
		}
		return e.Vote
	}
	first := vote(faq.FeedbackRequest{Origin: from, Answer: "m1", PassageID: passage, Helpful: true})
	changed := vote(faq.FeedbackRequest{Origin: from, Answer: "m1", PassageID: passage, Comment: " dosage ", Question: "q"})
	other := vote(faq.FeedbackRequest{Origin: faq.Origin{Server: "g1", User: "u2"}, Answer: "m1", PassageID: passage})
	otherAnswer := vote(faq.FeedbackRequest{Origin: from, Answer: "m2", PassageID: passage})
	if first.Key != changed.Key || changed.Helpful || changed.Comment != "dosage" {
		t.Errorf("changed vote = %+v after %+v; want the same key, not helpful, the comment trimmed", changed, first)
	}
	if other.Key == first.Key || otherAnswer.Key == first.Key {
		t.Errorf("another person's or another answer's vote has the same key %q", first.Key)
	}
	s2, rec2 := openSeed(t, answer.Config{VoteSecret: []byte("secret")})
	s2.Feedback(context.Background(), faq.FeedbackRequest{Origin: from, Answer: "m1", PassageID: passage})
	if e := rec2.All()[0]; e.Vote == nil || e.Vote.Key != first.Key {
		t.Errorf("a replica with the same secret made key %+v; want %q", e.Vote, first.Key)
	}
}

// TestFeedbackCrisisComment: a comment suggesting a crisis gets the crisis resources,
// and what was written is not passed on; the vote still counts.
func TestFeedbackCrisisComment(t *testing.T) {
	s, rec := openSeed(t, answer.Config{})
	passage := ask(t, s, "Can I drink alcohol while on ketamine therapy?").PassageID
	a, err := s.Feedback(context.Background(), faq.FeedbackRequest{Origin: faq.Origin{User: "u"}, PassageID: passage,
		Comment: "none of this helps, I want to kill myself"})
	if err != nil || a.Kind != faq.KindCrisis || a.Text != answer.DefaultCrisisText {
		t.Fatalf("Feedback with a crisis comment = %+v, %v; want the crisis resources", a, err)
	}
	e := rec.All()[1]
	if e.Kind != faq.KindCrisis || e.Vote == nil || e.Vote.Comment != "" || e.Vote.Helpful {
		t.Errorf("event = %+v (vote %+v); want a crisis, a not-helpful vote without the comment", e, e.Vote)
	}
}

func TestFeedbackRefused(t *testing.T) {
	s, rec := openSeed(t, answer.Config{})
	passage := ask(t, s, "Can I drink alcohol while on ketamine therapy?").PassageID
	user := faq.Origin{User: "u"}
	tests := []struct {
		name string
		r    faq.FeedbackRequest
		code string
	}{
		{"no user", faq.FeedbackRequest{PassageID: passage}, faq.EINVALID},
		{"no passage", faq.FeedbackRequest{Origin: user}, faq.EINVALID},
		{"comment too long", faq.FeedbackRequest{Origin: user, PassageID: passage, Comment: strings.Repeat("é", faq.MaxComment+1)}, faq.EINVALID},
		{"passage gone", faq.FeedbackRequest{Origin: user, PassageID: "nope#nope"}, faq.ENOTFOUND},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			_, err := s.Feedback(context.Background(), tc.r)
			if faq.ErrorCode(err) != tc.code || faq.ErrorMessage(err) == faq.TroubleText {
				t.Errorf("Feedback = %v (code %q); want %s with a message", err, faq.ErrorCode(err), tc.code)
			}
			ev := rec.All()
			if e := ev[len(ev)-1]; e.Action != faq.ActionFeedback || e.Code != tc.code || e.Vote != nil {
				t.Errorf("event = %+v; want a refused feedback without a vote", e)
			}
		})
	}
}

// TestNoAnswerNamesTheNearestPassage: the event of a question not covered names the
// passage closest to it, for the moderators' report.
func TestNoAnswerNamesTheNearestPassage(t *testing.T) {
	s, rec := openSeed(t, answer.Config{})
	a := ask(t, s, "can ketamine therapy cause hair loss in teenagers")
	e := rec.All()[0]
	if a.Kind != faq.KindNoAnswer || len(a.Alternatives) == 0 {
		t.Skipf("the seed content answers %q (%s); the test needs a no-answer with topics", a.Question, a.Kind)
	}
	if e.Nearest != a.Alternatives[0].PassageID || e.PassageID != "" || e.Score != a.Alternatives[0].Score {
		t.Errorf("event = %+v; want Nearest %q with its score", e, a.Alternatives[0].PassageID)
	}
}
