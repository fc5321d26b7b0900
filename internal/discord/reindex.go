package discord

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"slices"
	"strings"
	"time"

	"github.com/bwmarrin/discordgo"

	"github.com/faqbot/faqbot/internal/faq"
)

// editWindow is how long Discord lets a bot edit a deferred reply (15 min), less a margin.
const editWindow = 14 * time.Minute

const msgNotModerator = "Only moderators can reindex: you need the Manage Server permission or the moderator role."

// reindex answers /reindex: a moderator gets a deferred reply that later edits with the
// outcome; anyone else is refused.
func (b *Bot) reindex(log *slog.Logger, i *discordgo.Interaction) (*discordgo.InteractionResponse, func(context.Context)) {
	if !b.isModerator(i) {
		log.Warn("reindex refused: not a moderator")
		return text(msgNotModerator).response(true), nil
	}
	log.Info("reindex requested")
	done := b.begin()
	ic := *i
	if ic.AppID == "" {
		ic.AppID = b.cfg.AppID
	}
	later := func(ctx context.Context) {
		defer done()
		ctx, cancel := context.WithTimeout(ctx, editWindow)
		defer cancel()
		report, err := b.eng.Reindex(ctx)
		switch {
		case errors.Is(err, faq.ErrReindexRunning):
			log.Info("reindex refused: one is already running")
		case err != nil:
			log.Error("reindex failed", "err", err)
		default:
			log.Info("reindexed", "documents", report.Documents, "passages", report.Passages,
				"took", report.Duration, "added", len(report.Added), "removed", len(report.Removed), "changed", len(report.Changed))
		}
		if b.rest == nil {
			log.Error("cannot edit reindex reply: the bot has no REST session")
			return
		}
		if _, err := b.rest.InteractionResponseEdit(&ic, renderReindex(report, err).edit()); err != nil {
			log.Error("edit reindex reply failed", "err", redact(err.Error()))
		}
	}
	return &discordgo.InteractionResponse{
		Type: discordgo.InteractionResponseDeferredChannelMessageWithSource,
		Data: &discordgo.InteractionResponseData{Flags: discordgo.MessageFlagsEphemeral, AllowedMentions: noMentions()},
	}, later
}

// isModerator reports whether the member may reindex. Discord hides /reindex from others
// by default, but a server owner can change who sees it, so this is checked again.
func (b *Bot) isModerator(i *discordgo.Interaction) bool {
	m := i.Member
	if m == nil { // a DM: there is no server to moderate
		return false
	}
	if m.Permissions&moderatorPermissions != 0 {
		return true
	}
	return b.cfg.ModeratorRoleID != "" && slices.Contains(m.Roles, b.cfg.ModeratorRoleID)
}

// renderReindex reports a finished (or failed) reindex.
func renderReindex(r faq.ReindexReport, err error) reply {
	switch {
	case errors.Is(err, faq.ErrReindexRunning):
		return text("A reindex is already running; this one was not started. The answers will switch over when it finishes.")
	case err != nil:
		msg := fmt.Sprintf("Reindex failed — the previous index is still serving answers.\n```\n%s\n```",
			truncate(strings.ReplaceAll(err.Error(), "```", "'''"), maxContent-200))
		return text(msg)
	}
	var b strings.Builder
	fmt.Fprintf(&b, "Reindexed %d document(s), %d passage(s) in %s.", r.Documents, r.Passages, r.Duration.Round(time.Millisecond))
	if len(r.Added)+len(r.Removed)+len(r.Changed) == 0 {
		b.WriteString("\nNothing changed.")
	}
	for _, c := range []struct {
		name   string
		titles []string
	}{{"Added", r.Added}, {"Removed", r.Removed}, {"Changed", r.Changed}} {
		if len(c.titles) > 0 {
			fmt.Fprintf(&b, "\n%s %d: %s", c.name, len(c.titles), someTitles(c.titles, 5))
		}
	}
	return text(b.String())
}

// someTitles lists up to n titles and says how many more there are.
func someTitles(titles []string, n int) string {
	shown := make([]string, 0, n)
	for _, t := range titles[:min(n, len(titles))] {
		shown = append(shown, truncate(t, 80))
	}
	s := strings.Join(shown, "; ")
	if len(titles) > n {
		s += fmt.Sprintf(" and %d more", len(titles)-n)
	}
	return s
}
