package discord

import (
	"strings"
	"testing"

	"github.com/bwmarrin/discordgo"

	"github.com/faqbot/faqbot/internal/answer"
	"github.com/faqbot/faqbot/internal/faq"
	"github.com/faqbot/faqbot/internal/faqtest"
)

// answerMessage is the message an answer was sent as, with its footer.
func answerMessage(id, question string) *discordgo.Message {
	return &discordgo.Message{ID: id, Embeds: []*discordgo.MessageEmbed{{
		Title: "Can I take ketamine while on an SSRI?", Footer: &discordgo.MessageEmbedFooter{Text: askedPrefix + question}}}}
}

func voteInteraction(id, user, customID string, m *discordgo.Message) *discordgo.Interaction {
	i := componentInteraction(id, customID)
	i.Member, i.Message = member(user, 0), m
	return i
}

func whyInteraction(id, user, customID, comment string, m *discordgo.Message) *discordgo.Interaction {
	return &discordgo.Interaction{ID: id, AppID: "app", Token: "tok", Type: discordgo.InteractionModalSubmit,
		GuildID: "g", Member: member(user, 0), Message: m, Data: discordgo.ModalSubmitInteractionData{CustomID: customID,
			Components: []discordgo.MessageComponent{&discordgo.ActionsRow{Components: []discordgo.MessageComponent{
				&discordgo.TextInput{CustomID: inputWhy, Value: comment}}}}}}
}

// TestVotes: Helpful thanks privately; Not helpful opens the optional modal, whose
// answer replaces the vote with a comment; a crisis in the comment gets the
// resources; every rating reaches the service with the message and the question.
func TestVotes(t *testing.T) {
	rec := &faqtest.Events{}
	b := New(Config{}, answer.New(answer.Config{Cooldown: -1}, newFakeLibrary(), rec, nil), nil, nil)
	msg := answerMessage("m1", "can i take ketamine with an ssri")

	resp, _ := b.Respond(t.Context(), faq.TransportGateway, voteInteraction("1", "u1", "up:"+sampleID, msg))
	if resp.Type != 4 || resp.Data.Flags != discordgo.MessageFlagsEphemeral || resp.Data.Content != answer.ThanksText {
		t.Errorf("Helpful -> %s; want a private thank-you", mustJSON(t, resp))
	}
	e := rec.Last(t)
	if e.Action != faq.ActionFeedback || e.PassageID != sampleID || e.Vote == nil || !e.Vote.Helpful || e.Question != "can i take ketamine with an ssri" {
		t.Errorf("event = %+v; want a helpful vote on %s with the question", e, sampleID)
	}
	helpfulKey := e.Vote.Key

	resp, _ = b.Respond(t.Context(), faq.TransportGateway, voteInteraction("2", "u1", "down:"+sampleID, msg))
	if resp.Type != discordgo.InteractionResponseModal || resp.Data.CustomID != "why:"+sampleID || runeLen(resp.Data.Title) > 45 {
		t.Fatalf("Not helpful -> %s; want the modal", mustJSON(t, resp))
	}
	if raw := mustJSON(t, resp); !strings.Contains(raw, `"required":false`) || !strings.Contains(raw, `"max_length":500`) {
		t.Errorf("modal = %s; want an optional input of at most 500 characters", raw)
	}
	if e := rec.Last(t); e.Vote == nil || e.Vote.Helpful || e.Vote.Key != helpfulKey {
		t.Errorf("event = %+v; want the same person's vote, changed to not helpful", e)
	}

	resp, _ = b.Respond(t.Context(), faq.TransportGateway, whyInteraction("3", "u1", "why:"+sampleID, "the dose for teenagers", msg))
	if resp.Type != 4 || resp.Data.Content != answer.ThanksText || resp.Data.Flags != discordgo.MessageFlagsEphemeral {
		t.Errorf("modal answer -> %s; want a private thank-you", mustJSON(t, resp))
	}
	if e := rec.Last(t); e.Vote == nil || e.Vote.Comment != "the dose for teenagers" || e.Vote.Key != helpfulKey {
		t.Errorf("event = %+v; want the vote with the comment", e)
	}

	resp, _ = b.Respond(t.Context(), faq.TransportGateway, whyInteraction("4", "u1", "why:"+sampleID, "i want to kill myself", msg))
	if raw := mustJSON(t, resp); !strings.Contains(raw, "988") || resp.Data.Flags != discordgo.MessageFlagsEphemeral {
		t.Errorf("crisis comment -> %s; want the crisis resources, privately", raw)
	}

	if _, _ = b.Respond(t.Context(), faq.TransportGateway, voteInteraction("5", "u2", "up:"+sampleID, msg)); rec.Last(t).Vote.Key == helpfulKey {
		t.Error("another member's vote has the same key")
	}
	resp, _ = b.Respond(t.Context(), faq.TransportGateway, voteInteraction("6", "u1", "down:nope#gone", msg))
	if resp.Type != 4 || !strings.Contains(resp.Data.Content, "no longer") {
		t.Errorf("vote on a passage gone -> %s; want it said privately", mustJSON(t, resp))
	}
}
