package discord

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"strings"
	"testing"
	"time"

	"github.com/bwmarrin/discordgo"

	"github.com/faqbot/faqbot/internal/faq"
)

// fakeReports is a question log with fixed reports, remembering the last query.
type fakeReports struct {
	unanswered []faq.Unanswered
	feedback   []faq.PassageFeedback
	stats      []faq.DayStats
	err        error
	last       faq.ReportQuery
}

func (f *fakeReports) Unanswered(_ context.Context, q faq.ReportQuery) ([]faq.Unanswered, error) {
	f.last = q
	return f.unanswered, f.err
}

func (f *fakeReports) Feedback(_ context.Context, q faq.ReportQuery) ([]faq.PassageFeedback, error) {
	f.last = q
	return f.feedback, f.err
}

func (f *fakeReports) Stats(_ context.Context, q faq.ReportQuery) ([]faq.DayStats, error) {
	f.last = q
	return f.stats, f.err
}

func adminInteraction(m *discordgo.Member, sub string, days ...float64) *discordgo.Interaction {
	var opts []*discordgo.ApplicationCommandInteractionDataOption
	for _, d := range days {
		opts = append(opts, &discordgo.ApplicationCommandInteractionDataOption{Name: optDays, Type: discordgo.ApplicationCommandOptionInteger, Value: d})
	}
	return &discordgo.Interaction{ID: "a", AppID: "app", Token: "tok", Type: discordgo.InteractionApplicationCommand, GuildID: "g", Member: m,
		Data: discordgo.ApplicationCommandInteractionData{Name: cmdAdmin, Options: []*discordgo.ApplicationCommandInteractionDataOption{
			{Name: sub, Type: discordgo.ApplicationCommandOptionSubCommand, Options: opts}}}}
}

// TestAdminPermissions: /faq-admin is for moderators only, as /reindex is, and its
// replies are private.
func TestAdminPermissions(t *testing.T) {
	for _, tt := range []struct {
		name string
		m    *discordgo.Member
		ok   bool
	}{
		{"member", member("u", discordgo.PermissionSendMessages), false},
		{"manage server", member("u", discordgo.PermissionManageGuild), true},
		{"moderator role", member("u", 0, "mods"), true},
		{"direct message", nil, false},
	} {
		t.Run(tt.name, func(t *testing.T) {
			b := newTestBot(Config{ModeratorRoleID: "mods", Reports: &fakeReports{}}, newFakeLibrary(), 0)
			for _, c := range adminCommands {
				resp, later := b.Respond(t.Context(), faq.TransportGateway, adminInteraction(tt.m, c.name))
				if resp.Data.Flags != discordgo.MessageFlagsEphemeral {
					t.Errorf("%s reply is not private: %s", c.name, mustJSON(t, resp))
				}
				if tt.ok != (later != nil) || tt.ok != (resp.Type == discordgo.InteractionResponseDeferredChannelMessageWithSource) {
					t.Errorf("%s -> %s (later %v); want allowed = %v", c.name, mustJSON(t, resp), later != nil, tt.ok)
				}
				if !tt.ok && resp.Data.Content != msgNotModeratorAdmin {
					t.Errorf("%s refusal = %q", c.name, resp.Data.Content)
				}
				if later != nil {
					later(t.Context()) // no REST session: logs and returns
				}
			}
		})
	}
}

// TestAdminReports: each subcommand reads its report for the server and the days
// asked (7 by default, clamped), and a log that fails says so.
func TestAdminReports(t *testing.T) {
	day := time.Date(2026, 3, 10, 0, 0, 0, 0, time.UTC)
	f := &fakeReports{
		unanswered: []faq.Unanswered{{Question: "does **ketamine** cause hair loss <@123>", Count: 3, Nearest: risksID}},
		feedback:   []faq.PassageFeedback{{PassageID: sampleID, Helpful: 1, Unhelpful: 3, Comments: []string{"the dose for teens"}}},
		stats:      []faq.DayStats{{Day: day, Questions: 11, Answered: 4, NotCovered: 2, Crisis: 1, Other: 4}},
	}
	b := newTestBot(Config{Reports: f}, newFakeLibrary(), 0)
	log := slog.New(slog.DiscardHandler)
	run := func(name string, days int) string {
		for _, c := range adminCommands {
			if c.name == name {
				r := b.runAdmin(t.Context(), log, c, adminRequest{from: faq.Origin{Server: "g"}, days: days})
				out := r.content
				for _, e := range r.embeds {
					out += e.Title + "\n" + e.Description
				}
				return out
			}
		}
		t.Fatalf("no subcommand %s", name)
		return ""
	}
	for _, tc := range []struct {
		name string
		want []string
	}{
		{"unanswered", []string{`**3×** does \*\*ketamine\*\* cause hair loss \<@` + "\u200b" + `123\>`, "nearest: `" + risksID + "`", "last 7 days"}},
		{"feedback", []string{"`" + sampleID + "`: **3** not helpful, 1 helpful (25% helpful)", "   > the dose for teens"}},
		{"stats", []string{"2026-03-10        11        4           2      1     4", "Total             11"}},
	} {
		got := run(tc.name, 7)
		for _, w := range tc.want {
			if !strings.Contains(got, w) {
				t.Errorf("%s = %s\nwant it to contain %s", tc.name, got, w)
			}
		}
		if f.last.Server != "g" || time.Since(f.last.Since) < 7*24*time.Hour-time.Minute || time.Since(f.last.Since) > 7*24*time.Hour+time.Minute {
			t.Errorf("%s query = %+v; want server g, the last 7 days", tc.name, f.last)
		}
	}
	if got := intOption([]*discordgo.ApplicationCommandInteractionDataOption{{Name: optDays, Value: 9999.0}}, optDays, defaultDays, 1, maxDays); got != maxDays {
		t.Errorf("days 9999 -> %d; want %d", got, maxDays)
	}
	f.err = errors.New("connection refused")
	if got := run("stats", 7); !strings.Contains(got, msgLogTrouble) {
		t.Errorf("stats with the log down = %s; want %q", got, msgLogTrouble)
	}
	b = newTestBot(Config{}, newFakeLibrary(), 0)
	resp, later := b.Respond(t.Context(), faq.TransportGateway, adminInteraction(member("u", discordgo.PermissionAdministrator), "stats"))
	if later != nil || resp.Data.Content != msgNoLog {
		t.Errorf("/faq-admin without a log -> %s; want %q", mustJSON(t, resp), msgNoLog)
	}
}

// TestAdminReportsFitDiscord: however long the reports, the replies stay within
// Discord's limits, saying what was left out.
func TestAdminReportsFitDiscord(t *testing.T) {
	var un []faq.Unanswered
	var fb []faq.PassageFeedback
	var st []faq.DayStats
	for i := range 400 {
		un = append(un, faq.Unanswered{Question: strings.Repeat("why ", 100), Count: 400 - i, Nearest: strings.Repeat("p", 300)})
		fb = append(fb, faq.PassageFeedback{PassageID: fmt.Sprint("doc#", i), Unhelpful: 2, Comments: []string{strings.Repeat("x", 600), "y", "z"}})
		st = append(st, faq.DayStats{Day: time.Date(2025, 1, 1, 0, 0, 0, 0, time.UTC).AddDate(0, 0, i), Questions: 123456})
	}
	for name, r := range map[string]reply{
		"unanswered": renderUnanswered(un, 365), "feedback": renderFeedback(fb, 365), "stats": renderStats(st, 365),
	} {
		e := r.embeds[0]
		if runeLen(e.Description) > maxEmbedDescription || embedLen(e) > maxEmbedsTotal || runeLen(e.Title) > maxEmbedTitle {
			t.Errorf("%s: description %d, embed %d characters; over Discord's limits", name, runeLen(e.Description), embedLen(e))
		}
		if !strings.Contains(e.Description, "more") && !strings.Contains(e.Description, "older days") {
			t.Errorf("%s does not say what was left out", name)
		}
	}
	for name, r := range map[string]reply{"unanswered": renderUnanswered(nil, 3), "feedback": renderFeedback(nil, 3), "stats": renderStats(nil, 3)} {
		if !strings.Contains(r.content, "3 days") || len(r.embeds) != 0 {
			t.Errorf("empty %s = %+v; want a sentence", name, r)
		}
	}
}

// TestAdminCommandRegistration: /faq-admin is one command of subcommands within
// Discord's limits, hidden from members by default, in servers only.
func TestAdminCommandRegistration(t *testing.T) {
	var admin *discordgo.ApplicationCommand
	for _, c := range Commands(1000) {
		if c.Name == cmdAdmin {
			admin = c
		}
	}
	if admin == nil || admin.DefaultMemberPermissions == nil || *admin.DefaultMemberPermissions != discordgo.PermissionManageGuild ||
		admin.Contexts == nil || len(*admin.Contexts) != 1 {
		t.Fatalf("faq-admin = %+v; want Manage Server by default, servers only", admin)
	}
	if len(admin.Options) != 5 || len(admin.Options) > maxChoices {
		t.Errorf("subcommands = %d; want unanswered, feedback, stats, autoreply, stale", len(admin.Options))
	}
	for _, o := range admin.Options {
		want := optDays
		switch o.Name {
		case "autoreply":
			want = optState
		case "stale":
			if len(o.Options) != 0 || runeLen(o.Description) > 100 {
				t.Errorf("subcommand %+v; want no options", o)
			}
			continue
		}
		if o.Type != discordgo.ApplicationCommandOptionSubCommand || runeLen(o.Description) > 100 || len(o.Options) != 1 ||
			o.Options[0].Name != want || o.Options[0].Required {
			t.Errorf("subcommand %+v; want an optional %s", o, want)
		}
	}
	if runeLen(admin.Description) > 100 {
		t.Errorf("description %q is over 100 characters", admin.Description)
	}
}
