package discord_test

import (
	"encoding/json"
	"slices"
	"strings"
	"testing"

	"github.com/bwmarrin/discordgo"

	"github.com/faqbot/faqbot/internal/discord"
	"github.com/faqbot/faqbot/internal/discord/discordtest"
	"github.com/faqbot/faqbot/internal/faq"
)

// crisisText is a message that suggests a crisis.
const crisisText = "I want to kill myself"

// TestFindAnswer: Apps → Find answer on a message answers its text privately, with
// buttons posting the answer as a reply to that message, pinging its author only
// when asked to; a crisis message gets the resources privately, with a word on
// reaching out. No help channels, no privileged intent.
func TestFindAnswer(t *testing.T) {
	t.Parallel() // each talks to a fake Discord of its own; closing a session waits a second
	h := startBot(t, discord.Config{GuildID: discordtest.GuildID})
	known := h.want(t, knownQuestion)
	poster := asker(3001)
	target := discordtest.MessageIn("3001", discordtest.ChannelID, poster, knownQuestion)
	h.fake.AddMessage(target)
	reply, ping := "reply:3001:"+known.PassageID, "replyping:3001:"+known.PassageID

	resp, raw := h.interact(t, discordtest.MessageCommand("3101", member, "Find answer", target))
	if resp.Data.Flags&discordgo.MessageFlagsEphemeral == 0 || len(resp.Data.Embeds) != 1 || resp.Data.Embeds[0].Title != known.Title {
		t.Fatalf("Find answer -> %s; want the answer, privately", raw)
	}
	b := buttons(t, resp.Data.Components)
	if !slices.Contains(b, reply+"=Post as reply") || !slices.Contains(b, ping+"=Reply and notify") || strings.Contains(raw, `"share:`) {
		t.Errorf("buttons = %v; want Post as reply and Reply and notify instead of Share", b)
	}
	embeds, _ := json.Marshal(resp.Data.Embeds)
	var private any
	json.Unmarshal(embeds, &private)
	var posted []byte

	for _, c := range []struct {
		id, customID, mentions string
	}{
		{"3102", reply, noPing},
		{"3103", ping, `{"parse":[],"replied_user":true}`},
	} {
		click, raw := h.interact(t, discordtest.OnMessage(discordtest.Component(c.id, member, c.customID), "3190", private))
		if click.Type != discordgo.InteractionResponseDeferredChannelMessageWithSource || click.Data.Flags != discordgo.MessageFlagsEphemeral {
			t.Errorf("%s -> %s; want a private deferred reply", c.customID, raw)
		}
		m, body := h.sent(t, discordtest.ChannelID)
		if m.Reference == nil || m.Reference.MessageID != "3001" || string(m.AllowedMentions) != c.mentions {
			t.Errorf("%s posted %s; want a reply to 3001 with allowed_mentions %s", c.customID, body, c.mentions)
		}
		if len(m.Embeds) != 1 || m.Embeds[0].Title != known.Title || m.Content != "Shared by <@"+member.ID+">" ||
			!strings.Contains(string(body), `"custom_id":"rm:0:`+poster.ID+`:`+member.ID+`"`) || m.footer() != "You asked: "+knownQuestion {
			t.Errorf("%s posted %s; want the answer, who shared it, the question and Remove for the poster", c.customID, body)
		}
		if got := h.edit(t, c.id); !strings.Contains(got, "Posted as a reply") {
			t.Errorf("%s -> %q; want it confirmed", c.customID, got)
		}
		posted = body
	}

	t.Run("the one who shared it may remove it", func(t *testing.T) {
		msg := discordtest.BotMessage("3191", discordtest.ChannelID, posted)
		h.dispatch(t, "INTERACTION_CREATE", discordtest.On(discordtest.Component("3105", member, "rm:0:"+poster.ID+":"+member.ID), msg))
		if _, err := h.fake.Await(h.ctx(), discordtest.Route("DELETE", "/channels/"+discordtest.ChannelID+"/messages/3191")); err != nil {
			t.Errorf("Remove by the one who shared it deleted nothing: %v", err)
		}
	})

	t.Run("a message gone by the click gets nothing posted", func(t *testing.T) {
		before := h.posts(discordtest.ChannelID)
		h.interact(t, discordtest.OnMessage(discordtest.Component("3104", member, "reply:3999:"+known.PassageID), "3190", private))
		if got := h.edit(t, "3104"); !strings.Contains(got, "no longer there") {
			t.Errorf("reply to a deleted message -> %q", got)
		}
		if n := h.posts(discordtest.ChannelID); n != before {
			t.Errorf("%d messages posted for a deleted message", n-before)
		}
	})

	t.Run("a crisis message: the resources privately, and reach out", func(t *testing.T) {
		msg := discordtest.MessageIn("3002", discordtest.ChannelID, asker(3002), crisisText)
		resp, raw := h.interact(t, discordtest.MessageCommand("3201", member, "Find answer", msg))
		if resp.Data.Flags&discordgo.MessageFlagsEphemeral == 0 || len(resp.Data.Embeds) != 1 ||
			resp.Data.Embeds[0].Description != h.want(t, crisisText).Text || !strings.Contains(resp.Data.Content, "reach out to them") {
			t.Errorf("Find answer on a crisis -> %s; want the resources and guidance, privately", raw)
		}
		if b := buttons(t, resp.Data.Components); len(b) != 0 {
			t.Errorf("crisis buttons = %v; want none (nothing to post)", b)
		}
	})

	t.Run("a message without text", func(t *testing.T) {
		msg := discordtest.MessageIn("3003", discordtest.ChannelID, asker(3003), "")
		resp, raw := h.interact(t, discordtest.MessageCommand("3301", member, "Find answer", msg))
		if resp.Data.Flags&discordgo.MessageFlagsEphemeral == 0 || !strings.Contains(resp.Data.Content, "no text") {
			t.Errorf("Find answer on an image -> %s", raw)
		}
	})

	t.Run("a question the content does not answer has nothing to post", func(t *testing.T) {
		if a := h.want(t, newQuestion); a.Kind == faq.KindAnswer {
			t.Skipf("the content answers %q", newQuestion)
		}
		msg := discordtest.MessageIn("3004", discordtest.ChannelID, asker(3004), newQuestion)
		// Someone else clicks: Find answer is a question of the clicker's (the cooldown).
		resp, raw := h.interact(t, discordtest.MessageCommand("3401", asker(3401), "Find answer", msg))
		if len(resp.Data.Embeds) != 1 || resp.Data.Embeds[0].Title != "Not covered here" || strings.Contains(raw, `"reply:`) {
			t.Errorf("Find answer on %q -> %s; want not covered, privately, without a post button", newQuestion, raw)
		}
	})
}
