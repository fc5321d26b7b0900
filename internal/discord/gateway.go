package discord

import (
	"context"
	"errors"
	"fmt"
	"net/http"
	"strings"
	"sync/atomic"

	"github.com/bwmarrin/discordgo"

	"github.com/faqbot/faqbot/internal/faq"
)

// ServeGateway runs the gateway bot on s (made by NewSession): it connects to the
// gateway, registers the commands (to the configured server when set, else globally)
// and answers interactions and mentions until ctx is done. Then it stops taking new
// work, waits for in-flight replies (including a running /reindex) and closes the
// session. One Bot may serve the gateway and the HTTP endpoint together.
func (b *Bot) ServeGateway(ctx context.Context, s *discordgo.Session) error {
	if !hasToken(s.Token) {
		return ErrNoToken
	}
	log := b.log
	// In-flight replies finish even after ctx is done.
	work := context.WithoutCancel(ctx)
	var closing atomic.Bool
	removers := []func(){
		s.AddHandler(func(_ *discordgo.Session, r *discordgo.Ready) {
			log.Info("gateway ready", "guilds", len(r.Guilds))
		}),
		s.AddHandler(func(_ *discordgo.Session, _ *discordgo.Connect) { log.Info("gateway connected") }),
		s.AddHandler(func(_ *discordgo.Session, _ *discordgo.Resumed) { log.Info("gateway session resumed") }),
		s.AddHandler(func(_ *discordgo.Session, _ *discordgo.Disconnect) {
			if !closing.Load() {
				log.Warn("gateway disconnected; reconnecting")
			}
		}),
		s.AddHandler(func(_ *discordgo.Session, e *discordgo.RateLimit) {
			// discordgo waits retry_after and retries the request itself.
			log.Warn("rate limited by Discord; retrying", "url", redact(e.URL), "retry_after", e.RetryAfter, "bucket", e.Bucket)
		}),
	}
	handlers := []func(){
		s.AddHandler(func(s *discordgo.Session, e *discordgo.InteractionCreate) { b.onInteraction(work, s, e.Interaction) }),
		s.AddHandler(func(s *discordgo.Session, e *discordgo.MessageCreate) { b.onMessageCreate(work, s, e.Message) }),
		s.AddHandler(func(_ *discordgo.Session, e *discordgo.ThreadCreate) { b.onThreadCreate(e) }),
	}
	if err := b.openGateway(s); err != nil {
		var rest *discordgo.RESTError
		if errors.As(err, &rest) && rest.Response != nil && rest.Response.StatusCode == http.StatusUnauthorized {
			return fmt.Errorf("connect to the Discord gateway: Discord refused the bot token (401 Unauthorized): "+
				"copy %s again from the developer portal (Bot → Reset Token): %w", EnvToken, redactErr(err))
		}
		return fmt.Errorf("connect to the Discord gateway: %w", redactErr(err))
	}
	shutdown := func() {
		for _, remove := range handlers {
			remove()
		}
		b.Wait()
		closing.Store(true)
		if err := s.Close(); err != nil {
			log.Warn("close gateway session", "err", err)
		}
		for _, remove := range removers {
			remove()
		}
	}
	appID := b.cfg.AppID
	if appID == "" && s.State != nil {
		if a := s.State.Ready.Application; a != nil {
			appID = a.ID
		} else if s.State.User != nil {
			appID = s.State.User.ID
		}
	}
	scope := "global"
	if b.cfg.GuildID != "" {
		scope = "guild " + b.cfg.GuildID
	}
	cmds, err := s.ApplicationCommandBulkOverwrite(appID, b.cfg.GuildID, Commands(b.cfg.MaxQuestion))
	if err != nil {
		shutdown()
		return fmt.Errorf("register commands (%s) for application %s: %w", scope, appID, redactErr(err))
	}
	log.Info("commands registered", "scope", scope, "count", len(cmds))

	<-ctx.Done()
	log.Info("shutting down: finishing in-flight replies")
	shutdown()
	log.Info("gateway closed")
	return nil
}

// onInteraction answers one interaction received over the gateway.
func (b *Bot) onInteraction(ctx context.Context, s *discordgo.Session, i *discordgo.Interaction) {
	done := b.begin()
	defer done()
	resp, later := b.Respond(ctx, faq.TransportGateway, i)
	if err := s.InteractionRespond(i, resp); err != nil {
		b.log.Error("interaction reply failed", "interaction", i.ID, "err", redactErr(err))
	}
	if later != nil {
		later(ctx) // already on its own goroutine (discordgo runs each handler in one)
	}
}

// onMessage answers a message that mentions the bot, as a reply to it.
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
	log := b.log.With("message", m.ID, "channel", m.ChannelID, "user", m.Author.ID)
	from := faq.Origin{Transport: faq.TransportGateway, Server: m.GuildID, User: m.Author.ID}
	r, _ := b.answer(ctx, log, from, question, false)
	if _, err := s.ChannelMessageSendComplex(m.ChannelID, r.message(m)); err != nil {
		log.Error("mention reply failed", "err", redactErr(err))
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

// redactErr is err with any token in a quoted URL removed.
func redactErr(err error) error {
	if err == nil {
		return nil
	}
	if s := redact(err.Error()); s != err.Error() {
		return fmt.Errorf("%s", s)
	}
	return err
}

func hasToken(token string) bool {
	return strings.TrimSpace(strings.TrimPrefix(strings.TrimSpace(token), "Bot ")) != ""
}
