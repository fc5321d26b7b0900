package discord_test

import (
	"context"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/bwmarrin/discordgo"
	"github.com/prometheus/client_golang/prometheus"

	"github.com/faqbot/faqbot/internal/discord"
	"github.com/faqbot/faqbot/internal/discord/discordtest"
	"github.com/faqbot/faqbot/internal/faq"
	"github.com/faqbot/faqbot/internal/faqtest/logtest"
	"github.com/faqbot/faqbot/internal/questionlog"
	"github.com/faqbot/faqbot/internal/questionlog/logdb"
)

// The help channels of the tests: a listed forum, a listed text channel, one with
// slow mode (a minute), and a forum that is not listed.
const (
	slowText   = "410000000000000004"
	helpForum  = "410000000000000001"
	helpText   = "410000000000000002"
	otherForum = "410000000000000003"
)

// helpBot is the bot with help channels and a real question log in SQLite (its
// settings too), with a clock for the rate limits.
func helpBot(t *testing.T) (*harness, *clock, *questionlog.Log, *logdb.DB) {
	t.Helper()
	db := logtest.SQLite(t)
	ql := questionlog.New(questionlog.Config{}, db, prometheus.NewRegistry(), nil)
	t.Cleanup(func() { ql.Close(context.Background()) })
	clk := newClock()
	h := startBotWith(t, discord.Config{GuildID: discordtest.GuildID, HelpChannels: []string{helpForum, helpText, slowText},
		Reports: db, Switches: db, Now: clk.Now}, botOptions{observer: ql, fake: func(f *discordtest.Server) {
		f.AddChannel(discordtest.Channel(helpForum, discordtest.ChannelForum, "", "help-forum", 0))
		f.AddChannel(discordtest.Channel(helpText, discordtest.ChannelText, "", "help", 0))
		f.AddChannel(discordtest.Channel(slowText, discordtest.ChannelText, "", "slow-help", 60))
		f.AddChannel(discordtest.Channel(otherForum, discordtest.ChannelForum, "", "chat", 0))
	}})
	return h, clk, ql, db
}

// TestHelpChannels: new posts in listed channels get one answer when the bot is sure,
// crisis posts the resources, and nothing else gets anything; the replies' buttons
// rate, and remove them for the asker or a moderator; /faq-admin autoreply switches
// it all off. One bot session; the steps run in order.
func TestHelpChannels(t *testing.T) {
	t.Parallel() // each talks to a fake Discord of its own; closing a session waits a second
	h, clk, ql, db := helpBot(t)
	poster := asker(2101)
	question := h.want(t, knownQuestion)
	var answer sentMessage
	var answerBody []byte

	t.Run("the bot asks for the Message Content intent", func(t *testing.T) {
		req, err := h.fake.Await(h.ctx(), discordtest.Identified)
		if err != nil {
			t.Fatal(err)
		}
		var id struct {
			Intents int `json:"intents"`
		}
		decode(t, req.Body, &id)
		if id.Intents&discordtest.IntentMessageContent == 0 {
			t.Errorf("intents = %b; want Message Content with help channels listed", id.Intents)
		}
	})

	t.Run("a forum post gets one answer in its thread", func(t *testing.T) {
		h.forumPost(t, "2101", helpForum, poster, knownQuestion, knownQuestion, 0)
		h.wantDecision(t, "2101", "msg=auto-replied", "kind=answer")
		answer, answerBody = h.sent(t, "2101")
		if len(answer.Embeds) != 1 || answer.Embeds[0].Title != question.Title {
			t.Errorf("reply = %s; want the answer %q", answerBody, question.Title)
		}
		if answer.Reference == nil || answer.Reference.MessageID != "2101" || string(answer.AllowedMentions) != noPing {
			t.Errorf("reply = %s; want a reply to the post pinging nobody", answerBody)
		}
		if got := answer.footer(); got != "You asked: "+knownQuestion {
			t.Errorf("footer = %q; want the question", got)
		}
		b := buttons(t, answer.Components)
		for _, want := range []string{"up:" + question.PassageID + "=This answered it", "down:" + question.PassageID + "=Not it",
			"rm:0:" + poster.ID + "=Remove"} {
			if !slices.Contains(b, want) {
				t.Errorf("buttons = %v; want %s", b, want)
			}
		}
		if n := h.posts("2101"); n != 1 {
			t.Errorf("%d messages posted in the thread; want 1", n)
		}
	})

	t.Run("a post in a text channel gets a thread with the answer", func(t *testing.T) {
		clk.Advance(time.Hour)
		h.dispatch(t, "MESSAGE_CREATE", discordtest.MessageIn("2201", helpText, asker(2201), knownQuestion+"\nThanks!"))
		req, err := h.fake.Await(h.ctx(), discordtest.Route("POST", "/channels/"+helpText+"/messages/2201/threads"))
		if err != nil {
			t.Fatal(err)
		}
		var start struct {
			Name string `json:"name"`
		}
		decode(t, req.Body, &start)
		if start.Name != knownQuestion {
			t.Errorf("thread name = %q; want the post's first line", start.Name)
		}
		m, raw := h.sent(t, "2201")
		if len(m.Embeds) != 1 || m.Embeds[0].Title != question.Title || m.Reference != nil {
			t.Errorf("answer in the thread = %s", raw)
		}
		h.wantDecision(t, "2201", "msg=auto-replied", "in=2201")
		if n := h.posts(helpText); n != 0 {
			t.Errorf("%d messages posted in the channel itself; want the answer in the thread only", n)
		}
	})

	t.Run("nothing for an unlisted channel, a bot, a reply or a question the content does not answer", func(t *testing.T) {
		clk.Advance(time.Hour)
		h.forumPost(t, "2301", otherForum, asker(2301), "Ketamine", knownQuestion, 0)
		h.wantDecision(t, "2301", "not a help channel")

		thread := discordtest.Channel("2302", discordtest.ChannelThread, helpForum, "A bot's post", 0)
		h.fake.AddChannel(thread)
		h.dispatch(t, "MESSAGE_CREATE", botAuthor(discordtest.MessageIn("2302", "2302", asker(2302), knownQuestion)))
		h.wantDecision(t, "2302", "not a person's message")

		h.dispatch(t, "MESSAGE_CREATE", discordtest.MessageIn("2303", "2101", asker(2303), "I had the same question"))
		h.wantDecision(t, "2303", "not a new post")

		const unsure = "what about teenagers?"
		if a := h.want(t, unsure); a.Kind == faq.KindAnswer {
			t.Fatalf("the content answers %q (%s); the test needs a question it does not", unsure, a.Title)
		}
		h.forumPost(t, "2304", helpForum, asker(2304), "Teens", unsure, 0)
		h.wantDecision(t, "2304", `reason="not sure enough"`)
		for _, ch := range []string{"2301", "2302", "2304"} {
			if n := h.posts(ch); n != 0 {
				t.Errorf("%d messages posted in %s; want none", n, ch)
			}
		}
	})

	t.Run("a crisis post gets the resources, not a passage", func(t *testing.T) {
		h.forumPost(t, "2401", helpForum, asker(2401), "Help", crisisText, 0)
		h.wantDecision(t, "2401", "msg=auto-replied", "kind=crisis")
		m, raw := h.sent(t, "2401")
		if len(m.Embeds) != 1 || m.Embeds[0].Description != h.want(t, crisisText).Text || m.Embeds[0].Title != "" {
			t.Errorf("crisis reply = %s; want the resources only", raw)
		}
		if b := buttons(t, m.Components); !slices.Equal(b, []string{"rm:0:" + asker(2401).ID + "=Remove"}) {
			t.Errorf("crisis reply buttons = %v; want Remove only", b)
		}
	})

	t.Run("Not it is recorded in the question log", func(t *testing.T) {
		msg := discordtest.BotMessage("2199", "2101", answerBody)
		resp, raw := h.interact(t, discordtest.On(discordtest.Component("2111", member, "down:"+question.PassageID), msg))
		if resp.Type != discordgo.InteractionResponseModal {
			t.Errorf("Not it -> %s; want the modal asking what was missing", raw)
		}
		if err := ql.Flush(t.Context()); err != nil {
			t.Fatal(err)
		}
		fb, err := db.Feedback(t.Context(), faq.ReportQuery{Server: discordtest.GuildID, Since: time.Now().Add(-time.Hour)})
		if err != nil || len(fb) != 1 || fb[0].PassageID != question.PassageID || fb[0].Unhelpful != 1 {
			t.Errorf("/faq-admin feedback reads %+v, %v; want %s rated Not helpful once", fb, err, question.PassageID)
		}
	})

	t.Run("Remove: the poster or a moderator only", func(t *testing.T) {
		msg := discordtest.BotMessage("2199", "2101", answerBody)
		resp, raw := h.interact(t, discordtest.On(discordtest.Component("2121", member, "rm:0:"+poster.ID), msg))
		if resp.Data.Flags&discordgo.MessageFlagsEphemeral == 0 || !strings.Contains(resp.Data.Content, "Only the person who asked") {
			t.Errorf("Remove by someone else -> %s; want a private refusal", raw)
		}
		for n, who := range []discordtest.Member{poster, moderator} {
			id := []string{"2122", "2123"}[n]
			h.dispatch(t, "INTERACTION_CREATE", discordtest.On(discordtest.Component(id, who, "rm:0:"+poster.ID), msg))
			if req, err := h.fake.Await(h.ctx(), discordtest.Callback(id)); err != nil || !strings.Contains(string(req.Body), `"type":6`) {
				t.Errorf("Remove by %s -> %s, %v; want an acknowledgement", who.ID, req.Body, err)
			}
			if _, err := h.fake.Await(h.ctx(), discordtest.Route("DELETE", "/channels/2101/messages/2199")); err != nil {
				t.Errorf("Remove by %s deleted nothing: %v", who.ID, err)
			}
		}
	})

	t.Run("autoreply off stops replies, on brings them back", func(t *testing.T) {
		resp, _ := h.interact(t, discordtest.SubcommandStrings("2131", member, "faq-admin", "autoreply", map[string]string{"state": "off"}))
		if !strings.Contains(resp.Data.Content, "Only moderators") {
			t.Errorf("autoreply by a member -> %q; want a refusal", resp.Data.Content)
		}
		h.interact(t, discordtest.SubcommandStrings("2132", moderator, "faq-admin", "autoreply", map[string]string{"state": "off"}))
		if got := h.edit(t, "2132"); !strings.Contains(got, "**off**") || !strings.Contains(got, "<#"+helpForum+">") {
			t.Errorf("autoreply off -> %q", got)
		}
		if on, err := db.AutoReply(t.Context(), discordtest.GuildID); err != nil || on {
			t.Errorf("stored switch = %v, %v; want off", on, err)
		}
		clk.Advance(time.Hour)
		h.forumPost(t, "2133", helpForum, asker(2133), knownQuestion, knownQuestion, 0)
		h.wantDecision(t, "2133", `reason="switched off in this server"`)
		if n := h.posts("2133"); n != 0 {
			t.Errorf("%d replies with auto-replies off", n)
		}
		h.interact(t, discordtest.SubcommandStrings("2134", moderator, "faq-admin", "autoreply", map[string]string{"state": "on"}))
		if got := h.edit(t, "2134"); !strings.Contains(got, "**on**") {
			t.Errorf("autoreply on -> %q", got)
		}
		h.forumPost(t, "2135", helpForum, asker(2135), knownQuestion, knownQuestion, 0)
		h.wantDecision(t, "2135", "msg=auto-replied")
	})

	t.Run("follow-ups", func(t *testing.T) { testFollowUps(t, h, clk) })
	t.Run("rate limit and slow mode", func(t *testing.T) { testLimits(t, h, clk) })
}
