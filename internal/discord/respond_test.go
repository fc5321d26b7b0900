package discord

import (
	"context"
	"errors"
	"fmt"
	"strings"
	"testing"
	"time"

	"github.com/bwmarrin/discordgo"

	"github.com/faqbot/faqbot/internal/faq"
)

func member(id string, perms int64, roles ...string) *discordgo.Member {
	return &discordgo.Member{User: &discordgo.User{ID: id}, Permissions: perms, Roles: roles}
}

func askInteraction(id, user, question string, perms int64) *discordgo.Interaction {
	return &discordgo.Interaction{
		ID: id, AppID: "app", Token: "secret-token-" + id, Type: discordgo.InteractionApplicationCommand,
		GuildID: "g", ChannelID: "c", Member: member(user, perms),
		Data: discordgo.ApplicationCommandInteractionData{Name: cmdAsk, Options: []*discordgo.ApplicationCommandInteractionDataOption{
			{Name: optQuestion, Type: discordgo.ApplicationCommandOptionString, Value: question},
		}},
	}
}

func reindexInteraction(id string, m *discordgo.Member) *discordgo.Interaction {
	return &discordgo.Interaction{ID: id, AppID: "app", Token: "tok", Type: discordgo.InteractionApplicationCommand,
		GuildID: "g", Member: m, Data: discordgo.ApplicationCommandInteractionData{Name: cmdReindex}}
}

func componentInteraction(id, customID string, values ...string) *discordgo.Interaction {
	return &discordgo.Interaction{ID: id, AppID: "app", Token: "tok", Type: discordgo.InteractionMessageComponent,
		GuildID: "g", Member: member("u9", 0), Data: discordgo.MessageComponentInteractionData{CustomID: customID, Values: values}}
}

// TestRespondNeverPings: every message response carries allowed_mentions with an empty
// parse list, whatever the interaction.
func TestRespondNeverPings(t *testing.T) {
	a := sampleAnswer()
	tests := []struct {
		name     string
		i        *discordgo.Interaction
		wantType discordgo.InteractionResponseType
		want     string // a substring of the JSON
	}{
		{"answer", askInteraction("1", "u1", "can i take ketamine with an ssri", 0), 4, a.Title},
		{"no answer", askInteraction("2", "u2", "what about lithium", 0), 4, "isn't covered"},
		{"crisis", askInteraction("3", "u3", "i want to end my life", 0), 4, "988"},
		{"index error", askInteraction("4", "u4", "index down", 0), 4, "try again"},
		{"empty", askInteraction("5", "u5", "   ", 0), 4, "didn't find a question"},
		{"too long", askInteraction("6", "u6", strings.Repeat("why ", 300), 0), 4, "under 1000 characters"},
		{"share", componentInteraction("7", "share:"+a.PassageID), 4, "Shared by <@u9>"},
		{"share gone", componentInteraction("8", "share:nope"), 4, "no longer"},
		{"more", componentInteraction("9", "more:"+a.PassageID), 4, "Potential Risks"},
		{"show", componentInteraction("10", "show", a.PassageID), 4, a.Title},
		{"reindex refused", reindexInteraction("11", member("u1", 0)), 4, "Only moderators"},
		{"reindex", reindexInteraction("12", member("u1", discordgo.PermissionManageGuild)), 5, `"flags":64`},
	}
	b := newTestBot(Config{}, newFakeLibrary(), 0)
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			resp, later := b.Respond(t.Context(), faq.TransportGateway, tt.i)
			if later != nil {
				defer later(t.Context()) // releases Wait; without a REST session it only logs
			}
			if resp.Type != tt.wantType {
				t.Errorf("type = %d; want %d", resp.Type, tt.wantType)
			}
			js := mustJSON(t, resp)
			if !strings.Contains(js, `"allowed_mentions":{"parse":[]`) {
				t.Errorf("response can ping: %s", js)
			}
			if !strings.Contains(js, tt.want) {
				t.Errorf("response lacks %q: %s", tt.want, js)
			}
			if strings.Contains(js, "secret-token") {
				t.Errorf("response leaks the token: %s", js)
			}
		})
	}
}

func TestRespondPrivacy(t *testing.T) {
	tests := []struct {
		name          string
		public        bool
		question      string
		wantEphemeral bool
	}{
		{"private by default", false, "can i take ketamine with an ssri", true},
		{"public when configured", true, "can i take ketamine with an ssri", false},
		{"crisis always private", true, "i want to end my life", true},
		{"emergency always private", true, "my son just drank bleach", true},
		{"refusal always private", true, strings.Repeat("why ", 300), true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			b := newTestBot(Config{Public: tt.public}, newFakeLibrary(), 0)
			resp, _ := b.Respond(t.Context(), faq.TransportGateway, askInteraction("1", "u1", tt.question, 0))
			if got := resp.Data.Flags&discordgo.MessageFlagsEphemeral != 0; got != tt.wantEphemeral {
				t.Errorf("ephemeral = %v; want %v", got, tt.wantEphemeral)
			}
		})
	}
}

func TestPing(t *testing.T) {
	b := newTestBot(Config{}, newFakeLibrary(), 0)
	resp, later := b.Respond(t.Context(), faq.TransportEndpoint, &discordgo.Interaction{ID: "p", Type: discordgo.InteractionPing})
	if resp.Type != discordgo.InteractionResponsePong || later != nil {
		t.Errorf("PING -> %+v, later %v; want PONG", resp, later != nil)
	}
}

func TestAutocomplete(t *testing.T) {
	b := newTestBot(Config{}, newFakeLibrary(), 0)
	i := &discordgo.Interaction{ID: "a", Type: discordgo.InteractionApplicationCommandAutocomplete, Member: member("u", 0),
		Data: discordgo.ApplicationCommandInteractionData{Name: cmdAsk, Options: []*discordgo.ApplicationCommandInteractionDataOption{
			{Name: optQuestion, Type: discordgo.ApplicationCommandOptionString, Value: "ket", Focused: true},
		}}}
	resp, _ := b.Respond(t.Context(), faq.TransportGateway, i)
	if resp.Type != discordgo.InteractionApplicationCommandAutocompleteResult {
		t.Fatalf("type = %d; want 8", resp.Type)
	}
	if n := len(resp.Data.Choices); n == 0 || n > maxChoices {
		t.Fatalf("%d choices; want 1..25", n)
	}
	for _, c := range resp.Data.Choices {
		if runeLen(c.Name) > 100 || runeLen(c.Value.(string)) > 100 {
			t.Errorf("choice %q longer than 100 characters", c.Name)
		}
	}
}

// TestCooldownRefusal: the service's cooldown refusal reaches the asker privately,
// in the service's words, and the refused question is not searched.
func TestCooldownRefusal(t *testing.T) {
	lib := newFakeLibrary()
	b := newTestBot(Config{Public: true}, lib, time.Hour)
	ask := func(user string) string {
		resp, _ := b.Respond(t.Context(), faq.TransportGateway, askInteraction("i", user, "can i take ketamine with an ssri", 0))
		return mustJSON(t, resp)
	}
	if js := ask("u1"); strings.Contains(js, "asking quickly") {
		t.Fatalf("first question refused: %s", js)
	}
	if js := ask("u1"); !strings.Contains(js, "wait 3600 second") || !strings.Contains(js, `"flags":64`) {
		t.Errorf("second question within the cooldown = %s; want a private refusal", js)
	}
	if js := ask("u2"); strings.Contains(js, "asking quickly") {
		t.Errorf("another user was refused: %s", js)
	}
	if n := len(lib.asked); n != 2 {
		t.Errorf("the index was searched %d times; want 2 (not for the refused question)", n)
	}
}

func TestReindexPermissions(t *testing.T) {
	tests := []struct {
		name string
		m    *discordgo.Member
		ok   bool
	}{
		{"member", member("u", discordgo.PermissionSendMessages), false},
		{"manage server", member("u", discordgo.PermissionManageGuild), true},
		{"administrator", member("u", discordgo.PermissionAdministrator), true},
		{"moderator role", member("u", 0, "r1", "mods"), true},
		{"other role", member("u", 0, "r1"), false},
		{"direct message", nil, false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var ran bool
			f := newFakeLibrary()
			f.reindex = func(context.Context) (faq.ReindexReport, error) { ran = true; return faq.ReindexReport{}, nil }
			b := newTestBot(Config{ModeratorRoleID: "mods"}, f, 0)
			resp, later := b.Respond(t.Context(), faq.TransportGateway, reindexInteraction("r", tt.m))
			if got := later != nil; got != tt.ok {
				t.Fatalf("reindex allowed = %v; want %v (%s)", got, tt.ok, mustJSON(t, resp))
			}
			if !tt.ok {
				if resp.Type != 4 || resp.Data.Flags != discordgo.MessageFlagsEphemeral {
					t.Errorf("refusal = %s; want a private message", mustJSON(t, resp))
				}
				return
			}
			if resp.Type != discordgo.InteractionResponseDeferredChannelMessageWithSource {
				t.Errorf("type = %d; want 5 (deferred)", resp.Type)
			}
			later(t.Context())
			if !ran {
				t.Error("later did not run the reindex")
			}
		})
	}
}

func TestRenderReindex(t *testing.T) {
	tests := []struct {
		name   string
		report faq.ReindexReport
		err    error
		want   []string
	}{
		{"done", faq.ReindexReport{Documents: 2, Passages: 31, Duration: 1234 * time.Millisecond,
			Added: []string{"New question?"}, Removed: []string{"a", "b", "c", "d", "e", "f", "g"}},
			nil, []string{"2 documents", "31 passages", "1.234s", "Added 1: New question?", "Removed 7: a; b; c; d; e and 2 more"}},
		{"nothing changed", faq.ReindexReport{Documents: 1, Passages: 3}, nil, []string{"1 document,", "Nothing changed"}},
		{"bad content", faq.ReindexReport{}, &faq.Error{Code: faq.EINVALID, Message: "Reindex failed — the previous index is still serving answers.",
			Details: fmt.Sprintf("content/bad.md:7: front matter: unknown field %q", "titel")},
			[]string{"content/bad.md:7", "unknown field", "previous index is still serving", "```"}},
		{"running", faq.ReindexReport{}, faq.Errorf(faq.ECONFLICT, "A reindex is already running."), []string{"already running"}},
		{"internal", faq.ReindexReport{}, errors.New("disk on fire"), []string{faq.TroubleText}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := renderReindex(tt.report, tt.err).content
			for _, w := range tt.want {
				if !strings.Contains(got, w) {
					t.Errorf("renderReindex = %q; want it to contain %q", got, w)
				}
			}
		})
	}
}

// TestWaitForLater: Wait returns only after the deferred work handed out has finished.
func TestWaitForLater(t *testing.T) {
	release := make(chan struct{})
	f := newFakeLibrary()
	f.reindex = func(context.Context) (faq.ReindexReport, error) { <-release; return faq.ReindexReport{}, nil }
	b := newTestBot(Config{}, f, 0)
	_, later := b.Respond(t.Context(), faq.TransportGateway, reindexInteraction("r", member("u", discordgo.PermissionAdministrator)))
	go later(context.Background())
	waited := make(chan struct{})
	go func() { b.Wait(); close(waited) }()
	select {
	case <-waited:
		t.Fatal("Wait returned while a reindex was still running")
	case <-time.After(50 * time.Millisecond): // a bound on a negative, not a wait for success
	}
	close(release)
	select {
	case <-waited:
	case <-time.After(5 * time.Second):
		t.Fatal("Wait did not return after the reindex finished")
	}
}

// TestMoreResultsUsesTheAskersQuestion: "More results" on an answer lists the
// runners-up of the question the user asked, read back from the answer's footer, not
// of the passage's own title.
func TestMoreResultsUsesTheAskersQuestion(t *testing.T) {
	f := newFakeLibrary()
	b := newTestBot(Config{}, f, 0)
	asked := b.answerForTest(t, "can i take ketamine with an ssri")
	footer := asked.Embeds[0].Footer
	if footer == nil || footer.Text != askedPrefix+"can i take ketamine with an ssri" {
		t.Fatalf("answer footer = %+v; want it to repeat the question", footer)
	}
	a := sampleAnswer()
	i := componentInteraction("20", "more:"+a.PassageID)
	i.Message = &discordgo.Message{Embeds: asked.Embeds}
	f.mu.Lock()
	f.asked = nil
	f.mu.Unlock()
	resp, _ := b.Respond(t.Context(), faq.TransportGateway, i)
	if js := mustJSON(t, resp); !strings.Contains(js, a.Alternatives[0].Title) {
		t.Errorf("more results = %s; want the runners-up of the asked question", js)
	}
	f.mu.Lock()
	defer f.mu.Unlock()
	if len(f.asked) != 1 || f.asked[0] != "can i take ketamine with an ssri" {
		t.Errorf("index asked %q; want the user's question", f.asked)
	}
}

// answerForTest returns the message data of the bot's answer to question.
func (b *Bot) answerForTest(t *testing.T, question string) *discordgo.InteractionResponseData {
	t.Helper()
	resp, _ := b.Respond(t.Context(), faq.TransportGateway, askInteraction("19", "u19", question, 0))
	if resp.Data == nil || len(resp.Data.Embeds) == 0 {
		t.Fatalf("no embed in the answer to %q", question)
	}
	return resp.Data
}
