package discord

import (
	"context"
	"log/slog"
	"strings"

	"github.com/bwmarrin/discordgo"

	"github.com/faqbot/faqbot/internal/faq"
)

// maxFollowUps is how many follow-ups a help thread gets answered; after that the
// people in it carry on without the bot.
const maxFollowUps = 3

// followUp answers m, a reply in help channel help, when it replies to one of the
// bot's answers there: the question the answer replied to (its footer) comes first,
// as context, so that the topic carries over ("why?" after an answer about alcohol).
// It reports whether it took the message. A follow-up is asked by a person, so it
// gets whatever the service replies, "not covered" included.
func (b *Bot) followUp(ctx context.Context, s *discordgo.Session, log *slog.Logger, m *discordgo.Message, ch channelInfo, help, self string) bool {
	ref := m.ReferencedMessage
	if ref == nil { // Discord leaves it out at times: read it
		var err error
		if ref, err = s.ChannelMessage(m.ChannelID, m.MessageReference.MessageID); err != nil {
			log.Info("follow-up skipped: the message replied to cannot be read", "err", b.scrubErr(err))
			return false
		}
	}
	if ref.Author == nil || ref.Author.ID != self || (ref.ChannelID != "" && ref.ChannelID != m.ChannelID) {
		log.Debug("help channels: a reply to someone else")
		return false
	}
	earlier, asked := askedQuestion(ref)
	turn, _, isHelpReply := replyTurn(ref)
	if !asked || !isHelpReply {
		log.Debug("help channels: a reply to a message of the bot that is no answer")
		return false
	}
	if turn >= maxFollowUps {
		log.Info("follow-up skipped", "reason", "enough follow-ups in this thread", "turn", turn)
		return true
	}
	said, _ := mentionQuestion(m.Content, self)
	if said == "" {
		return true
	}
	if !b.autoReplyOn(ctx, log, m.GuildID) {
		return true
	}
	from := faq.Origin{Transport: faq.TransportGateway, Server: m.GuildID, User: m.Author.ID}
	a, err := b.askText(ctx, from, strings.TrimSuffix(earlier, "…")+"\n"+said)
	var r reply
	if err != nil {
		b.logError(log, "follow-up not answered", err)
		r = text(faq.ErrorMessage(err))
	} else {
		r = helpReply(a, a.Question, turn+1, m.Author.ID)
	}
	if ok, why := b.help.limits.allow(help, ch.id, ch.slowMode, err == nil && urgent(a.Kind), b.help.now()); !ok {
		log.Info("follow-up skipped", "reason", why)
		return true
	}
	if _, err := s.ChannelMessageSendComplex(m.ChannelID, r.message(m)); err != nil {
		log.Error("follow-up reply failed", "err", b.scrubErr(err))
		return true
	}
	log.Info("follow-up answered", "kind", string(a.Kind), "passage", a.PassageID, "turn", turn+1)
	return true
}
