package discord

import (
	"slices"
	"strings"
	"testing"

	"github.com/bwmarrin/discordgo"

	"github.com/faqbot/faqbot/internal/faq"
)

// TestHelpReply: a public reply to someone's message rates with This answered it /
// Not it, and has Remove for the asker at its turn, which replyTurn reads back; on a
// "not covered" reply (a follow-up's) Remove gets a row of its own, below the menu.
func TestHelpReply(t *testing.T) {
	r := helpReply(sampleAnswer(), "can i take ketamine with an ssri", 2, "u1", "u2", "u1")
	var labels []string
	for _, c := range r.components[0].(discordgo.ActionsRow).Components {
		labels = append(labels, c.(discordgo.Button).Label)
	}
	if got := strings.Join(labels, ","); got != "More results,This answered it,Not it,Remove" {
		t.Errorf("buttons = %s", got)
	}
	// As Discord sends the message back.
	m := &discordgo.Message{Components: []discordgo.MessageComponent{&discordgo.ActionsRow{Components: []discordgo.MessageComponent{
		&discordgo.Button{CustomID: "up:x"}, &discordgo.Button{CustomID: r.components[0].(discordgo.ActionsRow).Components[3].(discordgo.Button).CustomID}}}}}
	if turn, users, ok := replyTurn(m); turn != 2 || !slices.Equal(users, []string{"u1", "u2"}) || !ok {
		t.Errorf("replyTurn = %d %v %v; want 2 [u1 u2] true", turn, users, ok)
	}
	if _, _, ok := replyTurn(&discordgo.Message{}); ok {
		t.Errorf("replyTurn of a message without Remove = ok")
	}

	none := helpReply(faq.Answer{Kind: faq.KindNoAnswer, Text: "Not covered.",
		Alternatives: []faq.Alternative{{Title: "Potential Risks", PassageID: risksID}}}, "q", 1, "u1")
	if len(none.components) != 2 {
		t.Fatalf("not covered components = %+v; want the menu, then Remove", none.components)
	}
	if _, ok := none.components[1].(discordgo.ActionsRow).Components[0].(discordgo.Button); !ok {
		t.Errorf("second row = %+v; want the Remove button", none.components[1])
	}
}

// TestWhatIsPostedUnasked: a help channel gets answers, the closest entries and the
// urgent replies, never "not covered"; crisis and emergency replies come first.
func TestWhatIsPostedUnasked(t *testing.T) {
	for _, tc := range []struct {
		kind           faq.Kind
		posted, urgent bool
	}{
		{faq.KindAnswer, true, false},
		{faq.KindSuggestions, true, false},
		{faq.KindCrisis, true, true},
		{faq.KindEmergency, true, true},
		{faq.KindNoAnswer, false, false},
	} {
		if got := worthPosting(tc.kind); got != tc.posted {
			t.Errorf("worthPosting(%s) = %v; want %v", tc.kind, got, tc.posted)
		}
		if got := urgent(tc.kind); got != tc.urgent {
			t.Errorf("urgent(%s) = %v; want %v", tc.kind, got, tc.urgent)
		}
	}
}
