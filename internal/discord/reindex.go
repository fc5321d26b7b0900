package discord

import (
	"context"
	"errors"
	"log/slog"
	"slices"
	"strings"
	"time"

	"github.com/bwmarrin/discordgo"

	"github.com/faqbot/faqbot/internal/faq"
)

// editWindow is how long Discord lets a bot edit a deferred reply (15 min), less a margin.
const editWindow = 14 * time.Minute

// reindex answers /reindex: a moderator gets a deferred reply that later edits with the
// outcome; anyone else is refused.
func (b *Bot) reindex(log *slog.Logger, from faq.Origin, i *discordgo.Interaction) (*discordgo.InteractionResponse, func(context.Context)) {
	if !b.isModerator(i) {
		log.Warn("reindex refused: not a moderator")
		return text(msgNotModerator).response(true), nil
	}
	log.Info("reindex requested")
	return b.deferred(log, i, func(ctx context.Context) reply {
		ctx, cancel := context.WithTimeout(ctx, editWindow)
		defer cancel()
		report, err := b.svc.Reindex(ctx, faq.ReindexRequest{Origin: from})
		if err != nil {
			b.logError(log, "reindex failed", err)
		} else {
			log.Info("reindexed", "documents", report.Documents, "passages", report.Passages,
				"took", report.Duration, "added", len(report.Added), "removed", len(report.Removed), "changed", len(report.Changed))
		}
		return renderReindex(report, err)
	})
}

// deferred answers an interaction at once with a private "thinking…" reply and
// returns the later work (see Respond): work computes the real reply, which then
// replaces the deferred one.
func (b *Bot) deferred(log *slog.Logger, i *discordgo.Interaction, work func(context.Context) reply) (*discordgo.InteractionResponse, func(context.Context)) {
	done := b.begin()
	ic := *i
	if ic.AppID == "" {
		ic.AppID = b.cfg.AppID
	}
	later := func(ctx context.Context) {
		defer done()
		r := work(ctx)
		if b.rest == nil {
			log.Error("cannot edit the deferred reply: the bot has no REST session")
			return
		}
		if _, err := b.rest.InteractionResponseEdit(&ic, r.edit()); err != nil {
			log.Error("edit deferred reply failed", "err", b.scrubErr(err))
		}
	}
	return &discordgo.InteractionResponse{
		Type: discordgo.InteractionResponseDeferredChannelMessageWithSource,
		Data: &discordgo.InteractionResponseData{Flags: discordgo.MessageFlagsEphemeral, AllowedMentions: noMentions()},
	}, later
}

// isModerator reports whether the member may reindex or read the question log.
// Discord hides /reindex and /faq-admin from others by default, but a server owner
// can change who sees them, so this is checked again.
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

// renderReindex reports a finished (or failed) reindex: the service's summary, or its
// error with the details (each content problem) preformatted.
func renderReindex(r faq.ReindexReport, err error) reply {
	if err == nil {
		return text(r.Summary())
	}
	msg := faq.ErrorMessage(err)
	var fe *faq.Error
	if errors.As(err, &fe) && fe.Details != "" {
		details := truncate(strings.ReplaceAll(fe.Details, "```", "'''"), maxContent-runeLen(msg)-16)
		msg += "\n```\n" + details + "\n```"
	}
	return text(msg)
}
