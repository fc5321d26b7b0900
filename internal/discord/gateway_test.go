package discord_test

import (
	"fmt"
	"net/http"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"

	"github.com/bwmarrin/discordgo"

	"github.com/faqbot/faqbot/internal/answer"
	"github.com/faqbot/faqbot/internal/discord"
	"github.com/faqbot/faqbot/internal/discord/discordtest"
	"github.com/faqbot/faqbot/internal/faq"
)

var (
	member    = discordtest.Member{ID: "500000000000000001", Permissions: discordtest.PermSendMessages}
	moderator = discordtest.Member{ID: "500000000000000002", Permissions: discordtest.PermManageServer}
)

const (
	// knownQuestion is an FAQ question of the seed content, word for word.
	knownQuestion = "How Long Does It Take for Ketamine to Work?"
	newQuestion   = "When is the clinic open?"
	newTitle      = "When Is the Clinic Open?"
)

// asker returns a new member for each question (the per-user cooldown is on).
func asker(n int) discordtest.Member {
	return discordtest.Member{ID: fmt.Sprint(600000000000000000 + n)}
}

const newDocument = `---
title: Clinic Opening Hours
summary: When the clinic is open.
references:
  - title: "Clinic website"
    url: https://clinic.example.org/hours
---

## When Is the Clinic Open?

The clinic is open from nine to five on weekdays. It is closed on public holidays.
`

// brokenDocument has a reference without a url (line 5).
const brokenDocument = `---
title: Broken
references:
  - title: "No address"
    note: missing url
---

## Something

Text.
`

// TestGateway runs the real discordgo client against the fake Discord through one
// session (closing a session takes discordgo a second); the steps depend on each
// other and run in order.
func TestGateway(t *testing.T) {
	t.Parallel() // each talks to a fake Discord of its own; closing a session waits a second
	h := startBot(t, discord.Config{GuildID: discordtest.GuildID})
	known := h.want(t, knownQuestion)
	if known.Kind != faq.KindAnswer {
		t.Fatalf("the engine does not answer its own FAQ question %q (kind %s)", knownQuestion, known.Kind)
	}
	knownTitle := known.Title

	t.Run("identify with non-privileged intents and register commands to the guild", func(t *testing.T) {
		var reqs []discordtest.Request
		gets := map[string]bool{}
		for _, r := range h.fake.Requests() {
			switch r.Method {
			case "GET":
				gets[r.Path] = true
			case "WS":
				reqs = append([]discordtest.Request{r}, reqs...)
			case "PUT":
				reqs = append(reqs, r)
			}
		}
		if !gets["/gateway/bot"] || !gets["/gateway"] {
			t.Errorf("GET requests %v; want /gateway/bot and /gateway through DISCORD_API_URL", gets)
		}
		if len(reqs) != 2 || reqs[0].Path != "identify" {
			t.Fatalf("requests = %+v; want identify and the commands", reqs)
		}
		var id struct {
			Intents int `json:"intents"`
		}
		decode(t, reqs[0].Body, &id)
		privileged := int(discordgo.IntentsGuildMembers | discordgo.IntentsGuildPresences | discordgo.IntentsMessageContent)
		if id.Intents&privileged != 0 || id.Intents&int(discordgo.IntentsGuildMessages) == 0 {
			t.Errorf("intents = %b; want guild messages and nothing privileged", id.Intents)
		}
		want := "/applications/" + discordtest.AppID + "/guilds/" + discordtest.GuildID + "/commands"
		if reqs[1].Path != want {
			t.Errorf("commands registered at %s; want %s", reqs[1].Path, want)
		}
		var cmds []map[string]any
		decode(t, reqs[1].Body, &cmds)
		if len(cmds) != 4 || cmds[0]["name"] != "ask" || cmds[1]["name"] != "reindex" || cmds[2]["name"] != "faq-admin" ||
			cmds[3]["name"] != "Find answer" || cmds[3]["type"] != 3.0 || cmds[3]["description"] != nil ||
			cmds[1]["default_member_permissions"] != "32" || fmt.Sprint(cmds[1]["contexts"]) != "[0]" ||
			cmds[2]["default_member_permissions"] != "32" || fmt.Sprint(cmds[2]["contexts"]) != "[0]" {
			t.Errorf("commands = %s", reqs[1].Body)
		}
	})

	t.Run("ask", func(t *testing.T) {
		e, raw := h.ask(t, "1001", asker(1001).ID, knownQuestion)
		if e.Title != knownTitle {
			t.Errorf("title = %q; want %q", e.Title, knownTitle)
		}
		if e.Description == "" || e.Author == nil || !strings.HasPrefix(e.Author.Name, "Ketamine and Antidepressants") {
			t.Errorf("embed = %+v; want the passage and its document", e)
		}
		if refs := fieldValue(e, "References"); !strings.Contains(refs, "[National Institute of Mental Health: Depression](https://www.nimh.nih.gov/health/topics/depression)") {
			t.Errorf("References = %q; want Markdown links", refs)
		}
		if got := fieldValue(e, "Disclaimer"); got != answer.DefaultDisclaimer {
			t.Errorf("Disclaimer = %q; want %q", got, answer.DefaultDisclaimer)
		}
		if got := fieldValue(e, "Reviewed"); got != "25 November 2026" {
			t.Errorf("Reviewed = %q", got)
		}
		if !strings.Contains(raw, `"flags":64`) || !strings.Contains(raw, `"custom_id":"share:`) || !strings.Contains(raw, `"custom_id":"more:`) {
			t.Errorf("reply is not private with Share and More buttons: %s", raw)
		}
	})

	t.Run("crisis shows the resources and nothing else", func(t *testing.T) {
		const q = "I want to kill myself"
		if a := h.want(t, q); a.Kind != faq.KindCrisis {
			t.Fatalf("the engine does not treat %q as a crisis (kind %s)", q, a.Kind)
		}
		resp, raw := h.interact(t, discordtest.Command("1051", asker(1051), "ask", map[string]string{"question": q}))
		if len(resp.Data.Embeds) != 1 || resp.Data.Content != "" || string(resp.Data.Components) != "null" {
			t.Fatalf("crisis reply = %s; want one embed only", raw)
		}
		e := resp.Data.Embeds[0]
		if e.Description != h.want(t, q).Text || e.Title != "" || len(e.Fields) != 0 || e.Author != nil {
			t.Errorf("crisis embed = %s; want the resources only", raw)
		}
		if resp.Data.Flags&discordgo.MessageFlagsEphemeral == 0 {
			t.Errorf("crisis reply is public: %s", raw)
		}
	})

	t.Run("buttons", func(t *testing.T) {
		id := known.PassageID
		resp, raw := h.interact(t, discordtest.Component("1101", member, "share:"+id))
		if resp.Data.Flags&discordgo.MessageFlagsEphemeral != 0 || len(resp.Data.Embeds) != 1 || resp.Data.Embeds[0].Title != knownTitle {
			t.Errorf("share -> %s; want the answer in public", raw)
		}
		resp, raw = h.interact(t, discordtest.Component("1102", member, "more:"+id))
		if resp.Data.Flags&discordgo.MessageFlagsEphemeral == 0 || len(resp.Data.Embeds) != 1 || strings.Contains(resp.Data.Embeds[0].Description, knownTitle) {
			t.Errorf("more -> %s; want private runners-up without the answer itself", raw)
		}
	})

	t.Run("autocomplete", func(t *testing.T) {
		for n, typed := range []string{"ket", "", "how"} {
			resp, raw := h.interact(t, discordtest.Autocomplete(fmt.Sprint("120", n), member, "ask", "question", typed))
			if resp.Type != discordgo.InteractionApplicationCommandAutocompleteResult {
				t.Fatalf("autocomplete %q -> %s; want type 8", typed, raw)
			}
			if c := len(resp.Data.Choices); c > 25 || (typed != "" && c == 0) {
				t.Errorf("autocomplete %q -> %d choices; want 1..25", typed, c)
			}
		}
	})

	t.Run("mention", func(t *testing.T) {
		h.dispatch(t, "MESSAGE_CREATE", discordtest.Message("1301", asker(1301), "<@"+discordtest.BotID+"> "+knownQuestion, true))
		req, err := h.fake.Await(h.ctx(), discordtest.Route("POST", "/channels/"+discordtest.ChannelID+"/messages"))
		if err != nil {
			t.Fatal(err)
		}
		var m struct {
			Embeds    []*discordgo.MessageEmbed   `json:"embeds"`
			Reference *discordgo.MessageReference `json:"message_reference"`
		}
		decode(t, req.Body, &m)
		if len(m.Embeds) != 1 || m.Embeds[0].Title != knownTitle {
			t.Errorf("mention reply = %s; want the answer", req.Body)
		}
		if m.Reference == nil || m.Reference.MessageID != "1301" {
			t.Errorf("mention reply does not reply to the message: %s", req.Body)
		}
		if !strings.Contains(string(req.Body), `"allowed_mentions":{"parse":[],"replied_user":false}`) {
			t.Errorf("mention reply can ping: %s", req.Body)
		}
		// A message that does not mention the bot gets nothing; the next mention's reply
		// is the next message sent.
		h.dispatch(t, "MESSAGE_CREATE", discordtest.Message("1302", asker(1302), "just chatting about ketamine", false))
		h.dispatch(t, "MESSAGE_CREATE", discordtest.Message("1303", asker(1303), "<@!"+discordtest.BotID+"> "+knownQuestion, true))
		req, err = h.fake.Await(h.ctx(), discordtest.Route("POST", "/channels/"))
		if err != nil {
			t.Fatal(err)
		}
		decode(t, req.Body, &m)
		if m.Reference == nil || m.Reference.MessageID != "1303" {
			t.Errorf("reply went to %+v; want message 1303 (1302 did not mention the bot)", m.Reference)
		}
	})

	t.Run("reindex by a member is refused", func(t *testing.T) {
		resp, raw := h.interact(t, discordtest.Command("1401", member, "reindex", nil))
		if resp.Type != discordgo.InteractionResponseChannelMessageWithSource || !strings.Contains(resp.Data.Content, "Only moderators") {
			t.Errorf("member /reindex -> %s; want a refusal", raw)
		}
	})

	t.Run("reindex by a moderator swaps the index", func(t *testing.T) {
		if a := h.want(t, newQuestion); a.Kind != faq.KindNoAnswer {
			t.Fatalf("before reindex the engine answers %q with %s %q; want no_answer", newQuestion, a.Kind, a.Title)
		}
		if e, _ := h.ask(t, "1501", "u1501", newQuestion); e.Title != "Not covered here" {
			t.Fatalf("before reindex: %q answered %q; want not covered", newQuestion, e.Title)
		}
		if err := os.WriteFile(filepath.Join(h.contentDir, "clinic-hours.md"), []byte(newDocument), 0o644); err != nil {
			t.Fatal(err)
		}
		resp, raw := h.interact(t, discordtest.Command("1502", moderator, "reindex", nil))
		if resp.Type != discordgo.InteractionResponseDeferredChannelMessageWithSource || resp.Data.Flags != discordgo.MessageFlagsEphemeral {
			t.Fatalf("moderator /reindex -> %s; want a private deferred reply", raw)
		}
		got := h.edit(t, "1502")
		for _, want := range []string{"Indexed 2 documents", "Added 1", newTitle} {
			if !strings.Contains(got, want) {
				t.Errorf("reindex reply = %q; want it to contain %q", got, want)
			}
		}
		if e, _ := h.ask(t, "1503", "u1503", newQuestion); e.Title != newTitle {
			t.Errorf("after reindex: %q answered %q; want %q", newQuestion, e.Title, newTitle)
		}
	})

	t.Run("burst of questions during a reindex", func(t *testing.T) {
		h.lib.drain()
		h.dispatch(t, "INTERACTION_CREATE", discordtest.Command("1600", moderator, "reindex", nil))
		<-h.lib.reindexing
		const n = 20
		for i := range n {
			h.dispatch(t, "INTERACTION_CREATE", discordtest.Command(fmt.Sprint(1610+i), discordtest.Member{ID: fmt.Sprint("u", i)},
				"ask", map[string]string{"question": knownQuestion}))
		}
		var wg sync.WaitGroup
		for i := range n {
			wg.Go(func() {
				resp, raw := h.callback(t, fmt.Sprint(1610+i))
				if len(resp.Data.Embeds) == 0 || resp.Data.Embeds[0].Title != knownTitle {
					t.Errorf("question %d during reindex -> %s", i, raw)
				}
			})
		}
		wg.Wait()
		if got := h.edit(t, "1600"); !strings.Contains(got, "Indexed 2 documents") {
			t.Errorf("reindex reply = %q", got)
		}
	})

	t.Run("broken content keeps the old index serving", func(t *testing.T) {
		if err := os.WriteFile(filepath.Join(h.contentDir, "broken.md"), []byte(brokenDocument), 0o644); err != nil {
			t.Fatal(err)
		}
		h.interact(t, discordtest.Command("1701", moderator, "reindex", nil))
		got := h.edit(t, "1701")
		for _, want := range []string{"failed", "broken.md", "previous index is still serving"} {
			if !strings.Contains(got, want) {
				t.Errorf("reindex reply = %q; want it to contain %q", got, want)
			}
		}
		if e, _ := h.ask(t, "1702", "u1702", newQuestion); e.Title != newTitle {
			t.Errorf("after a failed reindex: %q answered %q; want %q", newQuestion, e.Title, newTitle)
		}
	})

	t.Run("429 from REST is retried and logged", func(t *testing.T) {
		h.fake.Fail("POST", "/interactions/1801/", http.StatusTooManyRequests, 1)
		h.dispatch(t, "INTERACTION_CREATE", discordtest.Command("1801", asker(1801), "ask", map[string]string{"question": knownQuestion}))
		first, err := h.fake.Await(h.ctx(), discordtest.Callback("1801"))
		if err != nil {
			t.Fatal(err)
		}
		second, err := h.fake.Await(h.ctx(), discordtest.Callback("1801"))
		if err != nil {
			t.Fatalf("the rate-limited reply was not retried: %v", err)
		}
		if first.Status != http.StatusTooManyRequests || second.Status != http.StatusNoContent || string(first.Body) != string(second.Body) {
			t.Errorf("callbacks = %d then %d; want 429 then the same reply accepted", first.Status, second.Status)
		}
		if logs := h.logs.String(); !strings.Contains(logs, "rate limited by Discord") ||
			!strings.Contains(logs, h.fake.APIURL()+"/interactions/1801/<redacted>/callback") || strings.Contains(logs, "discord.com") {
			t.Errorf("the rate limit was not logged with the URL dialled, without the token: %s", logs)
		}
	})

	t.Run("a failed reply is logged with the interaction id, not the token", func(t *testing.T) {
		h.fake.Fail("POST", "/interactions/1851/", http.StatusInternalServerError, 1)
		h.dispatch(t, "INTERACTION_CREATE", discordtest.Command("1851", asker(1851), "ask", map[string]string{"question": knownQuestion}))
		if err := h.logs.await(h.ctx(), `msg="interaction reply failed" shard=0 interaction=1851`); err != nil {
			t.Fatal(err)
		}
		if strings.Contains(h.logs.String(), discordtest.Token("1851")) {
			t.Errorf("the interaction token reached the logs")
		}
	})

	t.Run("gateway drop: the bot resumes and answers again", func(t *testing.T) {
		if err := h.fake.Drop(); err != nil {
			t.Fatal(err)
		}
		if _, err := h.fake.Await(h.ctx(), discordtest.Resumed); err != nil {
			t.Fatalf("bot did not resume: %v", err)
		}
		if e, _ := h.ask(t, "1901", "u1901", knownQuestion); e.Title != knownTitle {
			t.Errorf("after resume: title %q", e.Title)
		}
		logs := h.logs.String()
		for _, want := range []string{"gateway disconnected", "gateway session resumed"} {
			if !strings.Contains(logs, want) {
				t.Errorf("logs lack %q", want)
			}
		}
	})

	t.Run("shutdown finishes in-flight replies; secrets stay out of the logs", func(t *testing.T) {
		os.Remove(filepath.Join(h.contentDir, "broken.md"))
		h.lib.drain()
		h.dispatch(t, "INTERACTION_CREATE", discordtest.Command("2001", moderator, "reindex", nil))
		<-h.lib.reindexing // the reindex is under way
		if err := h.stop(); err != nil {
			t.Errorf("Serve = %v; want nil after shutdown", err)
		}
		edited := false
		for _, r := range h.fake.Requests() {
			edited = edited || discordtest.Edit(discordtest.Token("2001"))(r)
		}
		if !edited {
			t.Errorf("Serve returned before the in-flight /reindex edited its reply")
		}
		logs := h.logs.String()
		if strings.Contains(logs, botToken) || strings.Contains(logs, "itoken-") {
			t.Errorf("a token reached the logs:\n%s", logs)
		}
		if !strings.Contains(logs, "gateway closed") {
			t.Errorf("logs lack the shutdown")
		}
	})
}
