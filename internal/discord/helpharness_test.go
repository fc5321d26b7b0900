package discord_test

import (
	"encoding/json"
	"fmt"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/bwmarrin/discordgo"

	"github.com/faqbot/faqbot/internal/discord/discordtest"
)

// Helpers of the help-channel and Find answer tests: a clock the rate limits read,
// and the bot's decisions about each message, read from its log
// (so that a test can tell "no reply" from "not yet" without sleeping).

// clock is a time the test moves on by hand.
type clock struct {
	mu  sync.Mutex
	now time.Time
}

func newClock() *clock { return &clock{now: time.Date(2026, 3, 1, 12, 0, 0, 0, time.UTC)} }

func (c *clock) Now() time.Time {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.now
}

func (c *clock) Advance(d time.Duration) {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.now = c.now.Add(d)
}

// decisions are the log messages saying what the bot did with a message: the last
// thing it logs about one.
var decisions = []string{`msg=auto-replied`, `msg="auto-reply skipped"`, `msg="auto-reply failed"`,
	`msg="follow-up answered"`, `msg="follow-up skipped"`, `msg="help channels: `}

// decision waits for the bot's decision about message id and returns its log line.
func (h *harness) decision(t *testing.T, id string) string {
	t.Helper()
	ctx := h.ctx()
	for {
		h.logs.mu.Lock()
		all, changed := h.logs.buf.String(), h.logs.changed
		h.logs.mu.Unlock()
		for line := range strings.SplitSeq(all, "\n") {
			if !strings.Contains(line, " message="+id+" ") {
				continue
			}
			for _, d := range decisions {
				if strings.Contains(line, d) {
					return line
				}
			}
		}
		select {
		case <-changed:
		case <-ctx.Done():
			t.Fatalf("no decision about message %s in the logs", id)
		}
	}
}

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

// forumPost opens a post in forum, as Discord announces one: the thread (also known
// to REST), then its first message, with the thread's id. slowMode is the thread's.
func (h *harness) forumPost(t *testing.T, id, forum string, author discordtest.Member, title, text string, slowMode int) {
	t.Helper()
	thread := discordtest.Channel(id, discordtest.ChannelThread, forum, title, slowMode)
	h.fake.AddChannel(thread)
	h.dispatch(t, "THREAD_CREATE", discordtest.ThreadCreate(thread))
	h.dispatch(t, "MESSAGE_CREATE", discordtest.MessageIn(id, id, author, text))
}

// wantDecision waits for the decision about message id and checks it says want.
func (h *harness) wantDecision(t *testing.T, id string, want ...string) string {
	t.Helper()
	line := h.decision(t, id)
	for _, w := range want {
		if !strings.Contains(line, w) {
			t.Errorf("decision about message %s = %s; want %q", id, line, w)
		}
	}
	return line
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

// botAuthor makes a MESSAGE_CREATE payload's author a bot.
func botAuthor(m map[string]any) map[string]any {
	m["author"].(map[string]any)["bot"] = true
	return m
}
