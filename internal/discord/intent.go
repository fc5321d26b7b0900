package discord

import (
	"errors"
	"log/slog"

	"github.com/bwmarrin/discordgo"
	"github.com/gorilla/websocket"
)

// intents are the gateway intents the bot asks for with cfg: Intents, and the
// privileged Message Content intent when help channels are listed, whose posts are
// read as questions.
func intents(cfg Config) discordgo.Intent {
	if len(cfg.HelpChannels) > 0 {
		return Intents | discordgo.IntentsMessageContent
	}
	return Intents
}

// closeDisallowedIntents is the gateway's close code for a privileged intent the
// application is not allowed.
const closeDisallowedIntents = 4014

// warnNoContent is the one warning logged when the bot cannot read what is posted in
// the help channels.
const warnNoContent = "help-channel auto-replies are off: the bot may not read message content. " +
	"In the Discord developer portal (https://discord.com/developers/applications), open the application, " +
	"Bot → Privileged Gateway Intents, turn on MESSAGE CONTENT INTENT, save, and restart faqbot. " +
	"/ask, Find answer and @mentions work without it"

// openGateway connects s to the gateway. When Discord refuses the Message Content
// intent (close 4014) it logs one warning and connects without it: auto-replies are
// then off, and everything else works.
func (b *Bot) openGateway(s *discordgo.Session) error {
	err := s.Open()
	var ce *websocket.CloseError
	if err == nil || !errors.As(err, &ce) || ce.Code != closeDisallowedIntents ||
		s.Identify.Intents&discordgo.IntentsMessageContent == 0 {
		return err
	}
	b.help.noContent.Store(true)
	b.help.warnNoContent(b.log, "Discord refused the intent (gateway close 4014, disallowed intents)")
	s.Identify.Intents &^= discordgo.IntentsMessageContent
	return s.Open()
}

// warnNoContent logs, once, that help-channel posts cannot be read, and why.
func (h *helpDesk) warnNoContent(log *slog.Logger, why string) {
	h.warnOnce.Do(func() { log.Warn(warnNoContent, "setting", "Message Content Intent", "why", why) })
}
