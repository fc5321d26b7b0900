package discord_test

import (
	"encoding/json"
	"fmt"
	"testing"

	"github.com/bwmarrin/discordgo"

	"github.com/faqbot/faqbot/internal/discord/discordtest"
)

// Helpers of the Find answer and help-channel tests: the messages the bot posts.

// sentMessage is a message the bot posted, as the fake received it.
type sentMessage struct {
	Content         string                      `json:"content"`
	Embeds          []*discordgo.MessageEmbed   `json:"embeds"`
	Components      json.RawMessage             `json:"components"`
	Reference       *discordgo.MessageReference `json:"message_reference"`
	AllowedMentions json.RawMessage             `json:"allowed_mentions"`
}

// footer is the message's "You asked: …" line.
func (m sentMessage) footer() string {
	if len(m.Embeds) == 0 || m.Embeds[0].Footer == nil {
		return ""
	}
	return m.Embeds[0].Footer.Text
}

// sent waits for the next message the bot posts in channel.
func (h *harness) sent(t *testing.T, channel string) (sentMessage, []byte) {
	t.Helper()
	req, err := h.fake.Await(h.ctx(), discordtest.Route("POST", "/channels/"+channel+"/messages"))
	if err != nil {
		t.Fatalf("nothing posted in %s: %v", channel, err)
	}
	var m sentMessage
	decode(t, req.Body, &m)
	return m, req.Body
}

// posts counts the messages the bot posted in channel so far.
func (h *harness) posts(channel string) int {
	n := 0
	for _, r := range h.fake.Requests() {
		if r.Method == "POST" && r.Path == "/channels/"+channel+"/messages" {
			n++
		}
	}
	return n
}

// buttons lists the custom ids and labels of a message's buttons, "id=label".
func buttons(t *testing.T, components json.RawMessage) []string {
	t.Helper()
	var rows []struct {
		Components []struct {
			CustomID string `json:"custom_id"`
			Label    string `json:"label"`
		} `json:"components"`
	}
	if len(components) > 0 && string(components) != "null" {
		decode(t, components, &rows)
	}
	var out []string
	for _, r := range rows {
		for _, c := range r.Components {
			out = append(out, fmt.Sprintf("%s=%s", c.CustomID, c.Label))
		}
	}
	return out
}

// noPing is the allowed_mentions of a reply that pings nobody.
const noPing = `{"parse":[],"replied_user":false}`
