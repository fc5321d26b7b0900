package serve_test

import (
	"context"
	"encoding/json"
	"fmt"
	"strings"
	"testing"
	"time"

	"github.com/bwmarrin/discordgo"

	"github.com/faqbot/faqbot/internal/discord"
	"github.com/faqbot/faqbot/internal/discord/discordtest"
	"github.com/faqbot/faqbot/internal/questionlog"
	"github.com/faqbot/faqbot/internal/questionlog/logdb"
	"github.com/faqbot/faqbot/internal/serve"
)

// Questions of the seed content: one it answers, one it does not cover (but has
// topics near), with the passage nearest to that one.
const (
	answered       = "Can I drink alcohol while on ketamine therapy?"
	answeredID     = "ketamine-and-antidepressants#can-i-drink-alcohol-while-undergoing-ketamine-therapy"
	unanswered     = "can ketamine therapy cure migraines"
	unansweredNear = "ketamine-and-antidepressants#understanding-ketamine-therapy"
)

var (
	asker     = discordtest.Member{ID: "500000000000000001", Permissions: discordtest.PermSendMessages}
	moderator = discordtest.Member{ID: "500000000000000002", Permissions: discordtest.PermManageServer}
)

// fastLog writes the log at once, so that a test sees its records quickly.
var fastLog = questionlog.Config{FlushEvery: 5 * time.Millisecond}

// gatewayReply is an interaction response as the fake Discord received it.
type gatewayReply struct {
	Type discordgo.InteractionResponseType `json:"type"`
	Data struct {
		Content    string                    `json:"content"`
		Embeds     []*discordgo.MessageEmbed `json:"embeds"`
		Components json.RawMessage           `json:"components"`
		CustomID   string                    `json:"custom_id"`
		Flags      discordgo.MessageFlags    `json:"flags"`
	} `json:"data"`
}

// text is the reply's content, embed titles and descriptions.
func (r gatewayReply) text() string {
	s := r.Data.Content
	for _, e := range r.Data.Embeds {
		s += "\n" + e.Title + "\n" + e.Description
	}
	return s
}

// gatewayBot is serve.Run with the gateway bot connected to a fake Discord.
type gatewayBot struct {
	fake *discordtest.Server
	n    int
}

func startGateway(t *testing.T, cfg serve.Config) *gatewayBot {
	t.Helper()
	g := &gatewayBot{fake: discordtest.New(t, "bot-token")}
	cfg.Gateway = true
	cfg.Discord = discord.Config{Token: "bot-token", APIURL: g.fake.APIURL(), GuildID: discordtest.GuildID}
	start(t, cfg, false, false)
	if _, err := g.fake.Await(deadline(t), discordtest.Route("PUT", "/applications/")); err != nil {
		t.Fatalf("the bot did not register its commands: %v", err)
	}
	if err := g.fake.Connected(deadline(t)); err != nil {
		t.Fatalf("the bot did not connect to the gateway: %v", err)
	}
	return g
}

func deadline(t *testing.T) context.Context {
	ctx, cancel := context.WithTimeout(t.Context(), 30*time.Second)
	t.Cleanup(cancel)
	return ctx
}

// id is a new interaction id.
func (g *gatewayBot) id() string {
	g.n++
	return fmt.Sprint(7000 + g.n)
}

// interact dispatches an interaction and returns the bot's reply; for a deferred one,
// the edit that replaces it.
func (g *gatewayBot) interact(t *testing.T, payload map[string]any) gatewayReply {
	t.Helper()
	id := payload["id"].(string)
	if err := g.fake.Dispatch("INTERACTION_CREATE", payload); err != nil {
		t.Fatal(err)
	}
	req, err := g.fake.Await(deadline(t), discordtest.Callback(id))
	if err != nil {
		t.Fatal(err)
	}
	var r gatewayReply
	if err := req.JSON(&r); err != nil {
		t.Fatalf("reply %s: %v", req.Body, err)
	}
	if r.Type == discordgo.InteractionResponseDeferredChannelMessageWithSource {
		if req, err = g.fake.Await(deadline(t), discordtest.Edit(discordtest.Token(id))); err != nil {
			t.Fatal(err)
		}
		if err := req.JSON(&r.Data); err != nil {
			t.Fatalf("edit %s: %v", req.Body, err)
		}
	}
	return r
}

func (g *gatewayBot) ask(t *testing.T, m discordtest.Member, question string) gatewayReply {
	t.Helper()
	return g.interact(t, discordtest.Command(g.id(), m, "ask", map[string]string{"question": question}))
}

// awaitAdmin asks a /faq-admin report as a moderator until it contains every one of
// want (the log is written in the background).
func (g *gatewayBot) awaitAdmin(t *testing.T, sub string, want ...string) string {
	t.Helper()
	return poll(t, "/faq-admin "+sub, want, func() string {
		r := g.interact(t, discordtest.Subcommand(g.id(), moderator, "faq-admin", sub, map[string]int{"days": 3}))
		if r.Data.Flags != discordgo.MessageFlagsEphemeral {
			t.Errorf("/faq-admin %s reply is not private", sub)
		}
		return r.text()
	})
}

// poll calls get until what it returns contains every one of want, and returns that.
func poll(t *testing.T, what string, want []string, get func() string) string {
	t.Helper()
	ctx := deadline(t)
	for {
		got, missing := get(), ""
		for _, w := range want {
			if !strings.Contains(got, w) {
				missing = w
			}
		}
		if missing == "" {
			return got
		}
		select {
		case <-ctx.Done():
			t.Fatalf("%s = %q; want it to contain %q", what, got, missing)
		case <-time.After(20 * time.Millisecond):
		}
	}
}

// TestModeratorViews: a question with no answer shows in /faq-admin unanswered with
// its nearest passage; a Not helpful vote (with what the asker was looking for) shows
// in /faq-admin feedback; stats count both; a member is refused all of them.
func TestModeratorViews(t *testing.T) {
	t.Parallel() // a fake Discord of its own; closing a session waits a second
	cfg := serve.Config{Database: logdb.Config{Dir: t.TempDir()}, QuestionLog: fastLog}
	cfg.Answer.Cooldown = -1
	g := startGateway(t, cfg)

	if r := g.ask(t, asker, unanswered); !strings.Contains(r.text(), "Not covered") && !strings.Contains(r.text(), "not sure") {
		t.Fatalf("/ask %q = %s; want no answer (not covered, or the closest entries)", unanswered, r.text())
	}
	a := g.ask(t, asker, answered)
	if !strings.Contains(string(a.Data.Components), `"down:`+answeredID+`"`) {
		t.Fatalf("answer components = %s; want a Not helpful button", a.Data.Components)
	}
	vote := discordtest.OnMessage(discordtest.Component(g.id(), asker, "down:"+answeredID), "m1", a.Data.Embeds)
	if r := g.interact(t, vote); r.Type != discordgo.InteractionResponseModal || r.Data.CustomID != "why:"+answeredID {
		t.Fatalf("Not helpful -> type %d %q; want the modal", r.Type, r.Data.CustomID)
	}
	why := discordtest.OnMessage(discordtest.ModalSubmit(g.id(), asker, "why:"+answeredID, map[string]string{"what": "is one glass of wine ok"}), "m1", a.Data.Embeds)
	if r := g.interact(t, why); !strings.Contains(r.text(), "Thanks") || r.Data.Flags != discordgo.MessageFlagsEphemeral {
		t.Errorf("modal -> %q; want a private thank-you", r.text())
	}

	g.awaitAdmin(t, "unanswered", "**1×** "+unanswered, "nearest: `"+unansweredNear+"`")
	g.awaitAdmin(t, "feedback", "`"+answeredID+"`: **1** not helpful, 0 helpful", "> is one glass of wine ok")
	g.awaitAdmin(t, "stats", time.Now().UTC().Format("2006-01-02")+"         2        1           1      0     0")

	for _, sub := range []string{"unanswered", "feedback", "stats"} {
		r := g.interact(t, discordtest.Subcommand(g.id(), asker, "faq-admin", sub, nil))
		if r.Type != 4 || !strings.Contains(r.Data.Content, "Only moderators") || r.Data.Flags != discordgo.MessageFlagsEphemeral {
			t.Errorf("member's /faq-admin %s -> %d %q; want a private refusal", sub, r.Type, r.text())
		}
	}
}
