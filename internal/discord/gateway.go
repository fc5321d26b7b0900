package discord

import (
	"context"
	"strings"

	"github.com/bwmarrin/discordgo"

	"github.com/faqbot/faqbot/internal/faq"
)

// onInteraction answers one interaction received over the gateway; ctx carries the
// shard's logger.
func (b *Bot) onInteraction(ctx context.Context, s *discordgo.Session, i *discordgo.Interaction) {
	done := b.begin()
	defer done()
	resp, later := b.Respond(ctx, faq.TransportGateway, i)
	if err := s.InteractionRespond(i, resp); err != nil {
		logFrom(ctx, b.log).Error("interaction reply failed", "interaction", i.ID, "err", b.scrubErr(err))
	}
	if later != nil {
		later(ctx) // already on its own goroutine (discordgo runs each handler in one)
	}
}

// onMessage answers a message that mentions the bot, as a reply to it; ctx carries
// the shard's logger.
func (b *Bot) onMessage(ctx context.Context, s *discordgo.Session, m *discordgo.Message) {
	if m.Author == nil || m.Author.Bot || s.State == nil || s.State.User == nil {
		return
	}
	question, ok := mentionQuestion(m.Content, s.State.User.ID)
	if !ok {
		return
	}
	done := b.begin()
	defer done()
	log := logFrom(ctx, b.log).With("message", m.ID, "channel", m.ChannelID, "user", m.Author.ID)
	from := faq.Origin{Transport: faq.TransportGateway, Server: m.GuildID, User: m.Author.ID}
	r, _ := b.answer(ctx, log, from, question, false)
	if _, err := s.ChannelMessageSendComplex(m.ChannelID, r.message(m)); err != nil {
		log.Error("mention reply failed", "err", b.scrubErr(err))
	}
}

// mentionQuestion returns the question in a message that mentions the bot (user id
// self), without the mention; ok is false when the bot is not mentioned.
func mentionQuestion(content, self string) (question string, ok bool) {
	if self == "" {
		return "", false
	}
	for _, tag := range []string{"<@" + self + ">", "<@!" + self + ">"} {
		if strings.Contains(content, tag) {
			ok = true
			content = strings.ReplaceAll(content, tag, " ")
		}
	}
	return strings.Join(strings.Fields(content), " "), ok
}

func hasToken(token string) bool {
	return strings.TrimSpace(strings.TrimPrefix(strings.TrimSpace(token), "Bot ")) != ""
}
