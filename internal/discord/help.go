package discord

import (
	"context"
	"fmt"
	"log/slog"
	"strings"
	"sync"
	"sync/atomic"
	"time"

	"github.com/bwmarrin/discordgo"

	"github.com/faqbot/faqbot/internal/faq"
)

// Help channels. A new post in a forum or text channel listed in
// DISCORD_HELP_CHANNELS gets one answer, in the post's thread, when the service is
// sure of one (or the crisis resources); never "not covered". A reply to that answer
// is a follow-up (followup.go). Nothing is kept but what the thread holds: the
// answer's footer says what was asked, its Remove button who asked and at which turn.

// helpDesk is the bot's side of the help channels.
type helpDesk struct {
	listed   map[string]bool
	now      func() time.Time
	limits   *limits
	channels *channelCache
	// noContent is set when the gateway runs without the Message Content intent:
	// posts arrive without their text, so there is nothing to answer.
	noContent atomic.Bool
	warnOnce  sync.Once
}

func newHelpDesk(cfg Config) *helpDesk {
	h := &helpDesk{listed: map[string]bool{}, now: cfg.Now, limits: newLimits(), channels: newChannelCache()}
	for _, id := range cfg.HelpChannels {
		h.listed[id] = true
	}
	if h.now == nil {
		h.now = time.Now
	}
	return h
}

// on reports whether help-channel messages are read at all.
func (h *helpDesk) on() bool { return len(h.listed) > 0 && !h.noContent.Load() }

// helpOf is the listed channel a message in ch belongs to: ch itself, or the parent
// of a thread; "" when none.
func (h *helpDesk) helpOf(ch channelInfo) string {
	switch {
	case h.listed[ch.id] && !ch.thread():
		return ch.id
	case ch.thread() && h.listed[ch.parent]:
		return ch.parent
	}
	return ""
}

// channelList parses a list of channel ids separated by commas or spaces.
func channelList(name, v string) ([]string, error) {
	var ids []string
	seen := map[string]bool{}
	for _, id := range strings.FieldsFunc(v, func(r rune) bool { return r == ',' || isSpace(r) }) {
		if !isSnowflake(id) {
			return nil, fmt.Errorf("%s: %q is not a channel id: want numeric ids (Developer Mode → right-click the channel → Copy Channel ID), separated by commas", name, id)
		}
		if !seen[id] {
			seen[id] = true
			ids = append(ids, id)
		}
	}
	return ids, nil
}

// onMessageCreate takes a message from the gateway: in a help channel, a new post or
// a follow-up to the bot's answer; anything else may mention the bot (onMessage).
func (b *Bot) onMessageCreate(ctx context.Context, s *discordgo.Session, m *discordgo.Message) {
	switch {
	case len(b.help.listed) == 0:
	case b.help.noContent.Load():
		b.log.Debug("help channels: off without the Message Content intent", "message", m.ID, "channel", m.ChannelID)
	case b.onHelpMessage(ctx, s, m):
		return
	}
	b.onMessage(ctx, s, m)
}

// onThreadCreate remembers a new thread, so that its first message (a forum post)
// needs no lookup.
func (b *Bot) onThreadCreate(t *discordgo.ThreadCreate) {
	if t.Channel != nil && b.help.on() {
		b.help.channels.put(infoOf(t.Channel, b.help.now()))
	}
}

// onHelpMessage answers m if it is a new post or a follow-up in a help channel, and
// reports whether it took the message (a post that mentions the bot is left to the
// mention, which answers whatever the outcome).
func (b *Bot) onHelpMessage(ctx context.Context, s *discordgo.Session, m *discordgo.Message) bool {
	self := ""
	if s.State != nil && s.State.User != nil {
		self = s.State.User.ID
	}
	if self == "" || m.Author == nil || m.Author.Bot || m.Author.ID == self || m.WebhookID != "" ||
		(m.Type != discordgo.MessageTypeDefault && m.Type != discordgo.MessageTypeReply) {
		b.log.Debug("help channels: not a person's message", "message", m.ID, "channel", m.ChannelID)
		return false
	}
	done := b.begin()
	defer done()
	log := b.log.With("message", m.ID, "channel", m.ChannelID)
	ch, err := b.channel(s, m.ChannelID)
	if err != nil {
		log.Warn("help channels: channel lookup failed", "err", b.scrubErr(err))
		return false
	}
	help := b.help.helpOf(ch)
	if help == "" {
		log.Debug("help channels: not a help channel")
		return false
	}
	if isReply(m) {
		return b.followUp(ctx, s, log, m, ch, help, self)
	}
	if _, mentioned := mentionQuestion(m.Content, self); mentioned {
		return false
	}
	forumPost := ch.thread() && m.ID == ch.id
	if !forumPost && ch.thread() {
		log.Debug("help channels: not a new post")
		return true
	}
	if strings.TrimSpace(m.Content) == "" {
		if len(m.Attachments) == 0 && len(m.Embeds) == 0 && len(m.StickerItems) == 0 {
			b.help.warnNoContent(b.log, "help-channel posts arrive without their text")
		}
		log.Info("auto-reply skipped", "reason", "no text")
		return true
	}
	question := m.Content
	if forumPost {
		question = postQuestion(ch.name, m.Content)
	}
	b.autoReply(ctx, s, log, m, ch, help, question)
	return true
}

// postQuestion is what a forum post asks: its title and its text, the title left out
// when the text repeats it.
func postQuestion(title, text string) string {
	title, text = strings.TrimSpace(title), strings.TrimSpace(text)
	if title == "" || strings.Contains(strings.ToLower(text), strings.ToLower(title)) {
		return text
	}
	return title + "\n" + text
}

// isReply reports whether m replies to another message (not a forward).
func isReply(m *discordgo.Message) bool {
	return m.Type == discordgo.MessageTypeReply && m.MessageReference != nil &&
		m.MessageReference.Type == discordgo.MessageReferenceTypeDefault && m.MessageReference.MessageID != ""
}

// autoReply answers a new post in help channel help, posting only what is worth
// posting, when the server has auto-replies on and the channel's limits allow.
func (b *Bot) autoReply(ctx context.Context, s *discordgo.Session, log *slog.Logger, m *discordgo.Message, ch channelInfo, help, question string) {
	if !b.autoReplyOn(ctx, log, m.GuildID) {
		return
	}
	// No user: the cooldown is for people asking; auto-replies have their own limits.
	a, err := b.askText(ctx, faq.Origin{Transport: faq.TransportGateway, Server: m.GuildID}, question)
	if err != nil {
		b.logError(log, "auto-reply: question not answered", err)
		return
	}
	if !worthPosting(a.Kind) {
		log.Info("auto-reply skipped", "reason", "not sure enough", "kind", string(a.Kind))
		return
	}
	// Starting a thread counts against a text channel's slow mode, as posting does.
	if ok, why := b.help.limits.allow(help, ch.id, ch.slowMode, urgent(a.Kind), b.help.now()); !ok {
		log.Info("auto-reply skipped", "reason", why, "kind", string(a.Kind))
		return
	}
	r := helpReply(a, a.Question, 0, m.Author.ID)
	where, err := b.postHelpReply(s, log, m, ch, r)
	if err != nil {
		log.Error("auto-reply failed", "err", b.scrubErr(err))
		return
	}
	log.Info("auto-replied", "kind", string(a.Kind), "passage", a.PassageID, "in", where)
}

// postHelpReply posts r for a new post m: in a forum post's thread as a reply to it;
// for a text channel, in a thread started on m (a reply to m when no thread can be
// started). It returns the channel posted in.
func (b *Bot) postHelpReply(s *discordgo.Session, log *slog.Logger, m *discordgo.Message, ch channelInfo, r reply) (string, error) {
	if ch.thread() {
		_, err := s.ChannelMessageSendComplex(ch.id, r.message(m))
		return ch.id, err
	}
	t, err := s.MessageThreadStartComplex(ch.id, m.ID, &discordgo.ThreadStart{
		Name: threadName(m.Content), AutoArchiveDuration: threadArchiveMinutes,
	})
	if err != nil {
		log.Warn("auto-reply: could not start a thread; replying in the channel", "err", b.scrubErr(err))
		_, err = s.ChannelMessageSendComplex(ch.id, r.message(m))
		return ch.id, err
	}
	b.help.channels.put(infoOf(t, b.help.now()))
	send := r.message(m)
	send.Reference = nil // the post is in the parent channel, above the thread
	_, err = s.ChannelMessageSendComplex(t.ID, send)
	return t.ID, err
}

// threadArchiveMinutes is how long a thread the bot starts stays active unused (a day).
const threadArchiveMinutes = 1440

// maxThreadName is Discord's limit on a thread's name.
const maxThreadName = 100

// threadName names the thread of a post: its first line, shortened.
func threadName(content string) string {
	line, _, _ := strings.Cut(strings.TrimSpace(content), "\n")
	line = strings.Join(strings.Fields(line), " ")
	if line == "" {
		return threadDefaultName
	}
	return faq.Shorten(line, maxThreadName)
}

// autoReplyOn reports whether the server has auto-replies on; when the switch cannot
// be read, they are off (a moderator may have switched them off).
func (b *Bot) autoReplyOn(ctx context.Context, log *slog.Logger, server string) bool {
	if b.cfg.Switches == nil {
		return true
	}
	on, err := b.cfg.Switches.AutoReply(ctx, server)
	if err != nil {
		log.Warn("auto-reply skipped: cannot read the server's switch", "err", err)
		return false
	}
	if !on {
		log.Info("auto-reply skipped", "reason", "switched off in this server")
	}
	return on
}
