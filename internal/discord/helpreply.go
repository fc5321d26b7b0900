package discord

import (
	"context"
	"log/slog"
	"slices"
	"strconv"
	"strings"

	"github.com/bwmarrin/discordgo"

	"github.com/faqbot/faqbot/internal/faq"
)

// idRemove is the custom id of the Remove button on the bot's public replies to
// someone's message: "rm:<turn>:<user id>[:<user id>]", how many follow-ups deep the
// reply is, and who may remove it besides moderators: the one who asked, and whoever
// shared the reply (Find answer).
const idRemove = "rm"

// urgent reports whether an answer of kind k comes before anything else, privately
// where the transport allows: the crisis resources.
func urgent(k faq.Kind) bool { return k == faq.KindCrisis || k == faq.KindEmergency }

// worthPosting reports whether an answer of kind k is worth posting unasked in a
// help channel: an answer, or the resources of an urgent reply; never "not covered".
func worthPosting(k faq.Kind) bool {
	return k == faq.KindAnswer || k == faq.KindSuggestions || urgent(k)
}

// helpReply renders a for a public reply to someone's message, at turn: the answer
// with This answered it / Not it (the rating buttons) and Remove, for the users who
// may remove it (the asker first). question is shown in the footer: what follow-ups
// and ratings read back.
func helpReply(a faq.Answer, question string, turn int, users ...string) reply {
	r := renderAnswer(a, renderOptions{question: question})
	r.components = relabel(r.components, map[string]string{idHelpful: labelAnswered, idUnhelpful: labelNotIt})
	var who []string
	for _, u := range users {
		if u != "" && !slices.Contains(who, u) {
			who = append(who, u)
		}
	}
	id := strings.Join(append([]string{idRemove, strconv.Itoa(turn)}, who...), ":")
	r.components = withButton(r.components, discordgo.Button{
		Label: labelRemove, Style: discordgo.SecondaryButton, CustomID: id,
	})
	return r
}

// relabel gives the buttons whose custom id starts with a key of labels ("up" for
// "up:…") that label.
func relabel(rows []discordgo.MessageComponent, labels map[string]string) []discordgo.MessageComponent {
	return mapButtons(rows, func(btn discordgo.Button) []discordgo.MessageComponent {
		kind, _, _ := strings.Cut(btn.CustomID, ":")
		if l, ok := labels[kind]; ok {
			btn.Label = l
		}
		return []discordgo.MessageComponent{btn}
	})
}

// mapButtons replaces each button of rows (as rendered) by what f returns for it.
func mapButtons(rows []discordgo.MessageComponent, f func(discordgo.Button) []discordgo.MessageComponent) []discordgo.MessageComponent {
	out := make([]discordgo.MessageComponent, 0, len(rows))
	for _, row := range rows {
		if r, ok := row.(discordgo.ActionsRow); ok {
			cs := make([]discordgo.MessageComponent, 0, len(r.Components))
			for _, c := range r.Components {
				if btn, ok := c.(discordgo.Button); ok {
					cs = append(cs, f(btn)...)
				} else {
					cs = append(cs, c)
				}
			}
			row = discordgo.ActionsRow{Components: cs}
		}
		out = append(out, row)
	}
	return out
}

// withButton adds btn to the last row of buttons, or a row of its own when that one
// is full or holds a menu.
func withButton(rows []discordgo.MessageComponent, btn discordgo.Button) []discordgo.MessageComponent {
	if n := len(rows); n > 0 {
		if r, ok := rows[n-1].(discordgo.ActionsRow); ok && len(r.Components) < 5 && allButtons(r.Components) {
			cs := append(append([]discordgo.MessageComponent(nil), r.Components...), btn)
			return append(rows[:n-1:n-1], discordgo.ActionsRow{Components: cs})
		}
	}
	return append(rows, discordgo.ActionsRow{Components: []discordgo.MessageComponent{btn}})
}

func allButtons(cs []discordgo.MessageComponent) bool {
	for _, c := range cs {
		if _, ok := c.(discordgo.Button); !ok {
			return false
		}
	}
	return true
}

// replyTurn is the turn of one of the bot's public replies and who may remove it,
// from its Remove button; ok is false for any other message.
func replyTurn(m *discordgo.Message) (turn int, users []string, ok bool) {
	for _, row := range m.Components {
		r, isRow := row.(*discordgo.ActionsRow)
		if !isRow {
			continue
		}
		for _, c := range r.Components {
			btn, isButton := c.(*discordgo.Button)
			if !isButton {
				continue
			}
			if rest, found := strings.CutPrefix(btn.CustomID, idRemove+":"); found {
				return removeArg(rest)
			}
		}
	}
	return 0, nil, false
}

// removeArg reads the argument of a Remove button: "<turn>:<user id>…".
func removeArg(arg string) (turn int, users []string, ok bool) {
	fields := strings.Split(arg, ":")
	turn, err := strconv.Atoi(fields[0])
	return turn, fields[1:], err == nil
}

// askText asks text from from. A text longer than the service takes is asked whole
// first, so that a crisis anywhere in it is noticed, then cut to the limit: someone's
// post is not refused for being long, as a question to the bot would be.
func (b *Bot) askText(ctx context.Context, from faq.Origin, text string) (faq.Answer, error) {
	a, err := b.svc.Ask(ctx, faq.Question{Origin: from, Text: text})
	if faq.ErrorCode(err) == faq.EINVALID && b.cfg.MaxQuestion > 0 && runeLen(text) > b.cfg.MaxQuestion {
		return b.svc.Ask(ctx, faq.Question{Origin: from, Text: faq.Shorten(text, b.cfg.MaxQuestion)})
	}
	return a, err
}

// remove deletes one of the bot's public replies, when the one who clicked Remove
// asked the question or is a moderator.
func (b *Bot) remove(log *slog.Logger, i *discordgo.Interaction, arg string) (*discordgo.InteractionResponse, func(context.Context)) {
	_, users, ok := removeArg(arg)
	if i.Message == nil || !ok {
		return text(msgUnknown).response(true), nil
	}
	if who := userID(i); who == "" || (!slices.Contains(users, who) && !b.isModerator(i)) {
		log.Info("remove refused: neither the asker nor a moderator")
		return text(msgNotYours).response(true), nil
	}
	done := b.begin()
	ic := *i
	if ic.AppID == "" {
		ic.AppID = b.cfg.AppID
	}
	later := func(context.Context) {
		defer done()
		if b.rest == nil {
			log.Error("cannot remove the reply: the bot has no REST session")
			return
		}
		err := b.rest.ChannelMessageDelete(ic.ChannelID, ic.Message.ID)
		if err == nil {
			log.Info("reply removed", "message", ic.Message.ID)
			return
		}
		log.Error("remove reply failed", "message", ic.Message.ID, "err", b.scrubErr(err))
		if _, err := b.rest.FollowupMessageCreate(&ic, false, &discordgo.WebhookParams{
			Content: msgRemoveFailed, Flags: discordgo.MessageFlagsEphemeral, AllowedMentions: noMentions(),
		}); err != nil {
			log.Error("remove reply failed: could not say so", "err", b.scrubErr(err))
		}
	}
	// Acknowledged without a message: the reply disappearing says it all.
	return &discordgo.InteractionResponse{Type: discordgo.InteractionResponseDeferredMessageUpdate}, later
}

// helpComponent handles the buttons of Find answer and of the public replies to
// someone's message; mine is false for any other component.
func (b *Bot) helpComponent(log *slog.Logger, from faq.Origin, i *discordgo.Interaction, data discordgo.MessageComponentInteractionData) (resp *discordgo.InteractionResponse, later func(context.Context), mine bool) {
	kind, arg, _ := strings.Cut(data.CustomID, ":")
	switch kind {
	case idReply, idReplyPing:
		resp, later = b.postReply(log, from, i, arg, kind == idReplyPing)
		return resp, later, true
	case idRemove:
		resp, later = b.remove(log, i, arg)
		return resp, later, true
	}
	return nil, nil, false
}
