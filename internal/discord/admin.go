package discord

import (
	"context"
	"log/slog"
	"time"

	"github.com/bwmarrin/discordgo"

	"github.com/faqbot/faqbot/internal/faq"
)

// Reports is the question log as the moderators' views read it; internal/serve
// passes in the log's database.
type Reports interface {
	// Unanswered lists the questions the content did not cover, near-duplicates
	// grouped, most asked first.
	Unanswered(ctx context.Context, q faq.ReportQuery) ([]faq.Unanswered, error)
	// Feedback lists the passages rated Not helpful, the most often first.
	Feedback(ctx context.Context, q faq.ReportQuery) ([]faq.PassageFeedback, error)
	// Stats counts each day's questions by outcome, oldest first.
	Stats(ctx context.Context, q faq.ReportQuery) ([]faq.DayStats, error)
}

// Options of the /faq-admin subcommands.
const (
	optDays     = "days"
	defaultDays = 7
	maxDays     = 365
)

// adminRequest is a /faq-admin subcommand as a moderator sent it.
type adminRequest struct {
	from faq.Origin
	days int
	opts []*discordgo.ApplicationCommandInteractionDataOption
}

// query is what the request's report covers: its server, the last days days.
func (r adminRequest) query() faq.ReportQuery {
	return faq.ReportQuery{Server: r.from.Server, Since: time.Now().UTC().AddDate(0, 0, -r.days)}
}

// adminCommand is one /faq-admin subcommand. A new moderator view is one more
// entry in adminCommands: its name, description, options, and what it replies.
type adminCommand struct {
	name, description string
	options           []*discordgo.ApplicationCommandOption
	run               func(ctx context.Context, b *Bot, r adminRequest) (reply, error)
	// withoutLog: the view reads the content in service, not the question log, so
	// it works without one.
	withoutLog bool
}

var adminCommands = []adminCommand{
	{name: "unanswered", description: descUnanswered, options: daysOption(), run: func(ctx context.Context, b *Bot, r adminRequest) (reply, error) {
		u, err := b.cfg.Reports.Unanswered(ctx, r.query())
		return renderUnanswered(u, r.days), err
	}},
	{name: "feedback", description: descFeedback, options: daysOption(), run: func(ctx context.Context, b *Bot, r adminRequest) (reply, error) {
		f, err := b.cfg.Reports.Feedback(ctx, r.query())
		return renderFeedback(f, r.days), err
	}},
	{name: "stats", description: descStats, options: daysOption(), run: func(ctx context.Context, b *Bot, r adminRequest) (reply, error) {
		s, err := b.cfg.Reports.Stats(ctx, r.query())
		return renderStats(s, r.days), err
	}},
	{name: "autoreply", description: descAutoReply, options: autoReplyOptions(), run: runAutoReply},
	{name: "stale", description: descStale, withoutLog: true, run: func(ctx context.Context, b *Bot, _ adminRequest) (reply, error) {
		r, err := b.svc.Reviews(ctx)
		return renderStale(r), err
	}},
}

func daysOption() []*discordgo.ApplicationCommandOption {
	one := 1.0
	return []*discordgo.ApplicationCommandOption{{
		Type: discordgo.ApplicationCommandOptionInteger, Name: optDays, Description: descDays,
		MinValue: &one, MaxValue: maxDays,
	}}
}

// adminCommandOptions are the subcommands of /faq-admin, for registering it.
func adminCommandOptions() []*discordgo.ApplicationCommandOption {
	var out []*discordgo.ApplicationCommandOption
	for _, c := range adminCommands {
		out = append(out, &discordgo.ApplicationCommandOption{
			Type: discordgo.ApplicationCommandOptionSubCommand, Name: c.name, Description: c.description, Options: c.options,
		})
	}
	return out
}

// adminTimeout bounds the reading of a report.
const adminTimeout = 30 * time.Second

// admin answers /faq-admin: a moderator gets a private deferred reply edited with the
// report; anyone else is refused.
func (b *Bot) admin(log *slog.Logger, from faq.Origin, i *discordgo.Interaction, data discordgo.ApplicationCommandInteractionData) (*discordgo.InteractionResponse, func(context.Context)) {
	if !b.isModerator(i) {
		log.Warn("faq-admin refused: not a moderator")
		return text(msgNotModeratorAdmin).response(true), nil
	}
	if len(data.Options) == 0 {
		return text(msgUnknown).response(true), nil
	}
	sub := data.Options[0]
	for _, c := range adminCommands {
		if c.name != sub.Name {
			continue
		}
		if b.cfg.Reports == nil && !c.withoutLog {
			return text(msgNoLog).response(true), nil
		}
		r := adminRequest{from: from, days: intOption(sub.Options, optDays, defaultDays, 1, maxDays), opts: sub.Options}
		log.Info("faq-admin requested", "subcommand", c.name, "days", r.days)
		return b.deferred(log, i, func(ctx context.Context) reply { return b.runAdmin(ctx, log, c, r) })
	}
	log.Warn("unknown faq-admin subcommand", "subcommand", sub.Name)
	return text(msgUnknown).response(true), nil
}

// runAdmin computes the reply of a subcommand, within adminTimeout.
func (b *Bot) runAdmin(ctx context.Context, log *slog.Logger, c adminCommand, r adminRequest) reply {
	ctx, cancel := context.WithTimeout(ctx, adminTimeout)
	defer cancel()
	rep, err := c.run(ctx, b, r)
	if err != nil {
		log.Error("faq-admin failed", "subcommand", c.name, "err", err)
		return text(msgLogTrouble)
	}
	return rep
}

// intOption returns the named integer option within [lo, hi], or def when absent.
func intOption(opts []*discordgo.ApplicationCommandInteractionDataOption, name string, def, lo, hi int) int {
	for _, o := range opts {
		if o.Name != name {
			continue
		}
		if f, ok := o.Value.(float64); ok {
			return min(max(int(f), lo), hi)
		}
	}
	return def
}
