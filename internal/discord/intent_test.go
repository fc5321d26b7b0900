package discord_test

import (
	"strings"
	"testing"

	"github.com/faqbot/faqbot/internal/discord"
	"github.com/faqbot/faqbot/internal/discord/discordtest"
)

// TestWithoutMessageContent: when Discord refuses the Message Content intent (close
// 4014) the bot connects without it, logs one warning naming the setting, and
// everything but the auto-replies works; posts that arrive without their text are
// warned about once too.
func TestWithoutMessageContent(t *testing.T) {
	t.Parallel() // each talks to a fake Discord of its own; closing a session waits a second
	const warning = "MESSAGE CONTENT INTENT"
	t.Run("the intent refused", func(t *testing.T) {
		h := startBotWith(t, discord.Config{GuildID: discordtest.GuildID, HelpChannels: []string{helpForum}}, botOptions{
			fake: func(f *discordtest.Server) {
				f.RefuseIntents(discordtest.IntentMessageContent)
				f.AddChannel(discordtest.Channel(helpForum, discordtest.ChannelForum, "", "help-forum", 0))
			}})
		refused, err := h.fake.Await(h.ctx(), discordtest.Identified)
		if err != nil {
			t.Fatal(err)
		}
		accepted, err := h.fake.Await(h.ctx(), discordtest.Identified)
		if err != nil {
			t.Fatal(err)
		}
		var first, second struct {
			Intents int `json:"intents"`
		}
		decode(t, refused.Body, &first)
		decode(t, accepted.Body, &second)
		if refused.Status != 4014 || first.Intents&discordtest.IntentMessageContent == 0 ||
			accepted.Status != 101 || second.Intents&discordtest.IntentMessageContent != 0 {
			t.Errorf("identifies = %d %b, then %d %b; want the intent refused, then connected without it",
				refused.Status, first.Intents, accepted.Status, second.Intents)
		}

		if e, _ := h.ask(t, "4001", asker(4001).ID, knownQuestion); e.Title != h.want(t, knownQuestion).Title {
			t.Errorf("/ask without the intent -> %q", e.Title)
		}
		target := discordtest.MessageIn("4002", discordtest.ChannelID, asker(4002), knownQuestion)
		if resp, raw := h.interact(t, discordtest.MessageCommand("4003", member, "Find answer", target)); len(resp.Data.Embeds) != 1 {
			t.Errorf("Find answer without the intent -> %s", raw)
		}
		h.forumPost(t, "4004", helpForum, asker(4004), knownQuestion, knownQuestion, 0)
		if line := h.decision(t, "4004"); !strings.Contains(line, "off without the Message Content intent") {
			t.Errorf("decision = %s; want auto-replies off", line)
		}
		if n := h.posts("4004"); n != 0 {
			t.Errorf("%d auto-replies without the intent", n)
		}
		logs := h.logs.String()
		if n := strings.Count(logs, warning); n != 1 || !strings.Contains(logs, "Privileged Gateway Intents") || !strings.Contains(logs, "level=WARN") {
			t.Errorf("the warning naming the setting is logged %d times; want once:\n%s", n, logs)
		}
	})

	t.Run("posts without their text", func(t *testing.T) {
		h := startBotWith(t, discord.Config{GuildID: discordtest.GuildID, HelpChannels: []string{helpForum}}, botOptions{
			fake: func(f *discordtest.Server) {
				f.AddChannel(discordtest.Channel(helpForum, discordtest.ChannelForum, "", "help-forum", 0))
			}})
		for _, id := range []string{"4101", "4102"} {
			h.forumPost(t, id, helpForum, asker(4100), "", "", 0)
			h.wantDecision(t, id, `reason="no text"`)
		}
		if n := strings.Count(h.logs.String(), warning); n != 1 {
			t.Errorf("the warning is logged %d times; want once", n)
		}
	})
}
