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

// Options of /reindex.
const (
	optForce    = "force"
	optRollback = "rollback"
)

// reindex answers /reindex: a moderator gets a deferred reply that later edits with the
// outcome — of a rebuild (forced past failed checks with force:true), or of a
// rollback to the previous build (rollback:true); anyone else is refused.
func (b *Bot) reindex(log *slog.Logger, from faq.Origin, i *discordgo.Interaction) (*discordgo.InteractionResponse, func(context.Context)) {
	if !b.isModerator(i) {
		log.Warn("reindex refused: not a moderator")
		return text(msgNotModerator).response(true), nil
	}
	var opts []*discordgo.ApplicationCommandInteractionDataOption
	if data, ok := i.Data.(discordgo.ApplicationCommandInteractionData); ok {
		opts = data.Options
	}
	req := faq.ReindexRequest{Origin: from, Force: boolOption(opts, optForce)}
	rollback := boolOption(opts, optRollback)
	log.Info("reindex requested", "force", req.Force, "rollback", rollback)
	return b.deferred(log, i, func(ctx context.Context) reply {
		ctx, cancel := context.WithTimeout(ctx, editWindow)
		defer cancel()
		if rollback {
			r, err := b.svc.Rollback(ctx, req)
			if err != nil {
				b.logError(log, "rollback failed", err)
				return renderReindex(faq.ReindexReport{}, err)
			}
			log.Info("rolled back", "built", r.Built, "documents", r.Documents, "passages", r.Passages)
			return text(r.Summary())
		}
		report, err := b.svc.Reindex(ctx, req)
		switch {
		case err != nil:
			b.logError(log, "reindex failed", err)
		case len(report.Overridden) > 0:
			log.Warn("reindex forced: the build is in service though must-answer checks failed",
				"failed", len(report.Overridden), "checks", report.Checks)
		default:
			log.Info("reindexed", "documents", report.Documents, "passages", report.Passages, "checks", report.Checks,
				"took", report.Duration, "added", len(report.Added), "removed", len(report.Removed), "changed", len(report.Changed))
		}
		return renderReindex(report, err)
	})
}

// boolOption returns the named boolean option, false when absent.
func boolOption(opts []*discordgo.ApplicationCommandInteractionDataOption, name string) bool {
	for _, o := range opts {
		if b, ok := o.Value.(bool); ok && o.Name == name {
			return b
		}
	}
	return false
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

// renderReindex reports a finished (or failed) reindex: the service's summary, with
// the checks a forced reindex overrode; or its error, with the details (each content
// problem or failed check) preformatted — as many as fit, and how many more.
func renderReindex(r faq.ReindexReport, err error) reply {
	msg, details := r.Summary(), ""
	if err != nil {
		msg = faq.ErrorMessage(err)
		var fe *faq.Error
		if errors.As(err, &fe) {
			details = fe.Details
		}
	} else if len(r.Overridden) > 0 {
		lines := make([]string, len(r.Overridden))
		for i, f := range r.Overridden {
			lines[i] = f.String()
		}
		details = strings.Join(lines, "\n")
	}
	if details == "" {
		return text(msg)
	}
	return text(msg + "\n" + codeLines(strings.Split(details, "\n"), maxContent-runeLen(msg)-1))
}

// maxDetailLine bounds one problem line of a reindex reply.
const maxDetailLine = 400

// codeLines is lines as a code block of at most limit characters: as many whole
// lines as fit (each shortened to maxDetailLine), then how many more there are.
func codeLines(lines []string, limit int) string {
	const fence = "```\n"
	var b strings.Builder
	for i, line := range lines {
		line = faq.Shorten(strings.ReplaceAll(line, "```", "'''"), maxDetailLine) + "\n"
		rest := ""
		if left := len(lines) - i - 1; left > 0 {
			rest = fmt.Sprintf(moreLines, left)
		}
		if runeLen(fence)+runeLen(b.String())+runeLen(line)+runeLen(fence)+runeLen(rest) > limit {
			return fence + b.String() + fence + fmt.Sprintf(moreLines, len(lines)-i)
		}
		b.WriteString(line)
	}
	return fence + b.String() + fence
}
