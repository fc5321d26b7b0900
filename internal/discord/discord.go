// Package discord is faqbot's Discord front end: the slash commands, the rendering of
// the answering service's results as Discord messages, and the gateway bot. It is the
// only package that imports discordgo. The HTTP interactions transport (package
// endpoint) shares its core: both transports call Bot.Respond. Everything a question
// goes through (limits, cooldown, crisis check, search, every reply text) is the
// service's; this package lays the results out.
package discord

import (
	"log/slog"
	"sync"
	"time"

	"github.com/bwmarrin/discordgo"

	"github.com/faqbot/faqbot/internal/faq"
)

// DefaultAPIURL is the base URL of Discord's REST API.
const DefaultAPIURL = "https://discord.com/api/v9"

// Config configures the bot; the zero value of each field means its default.
type Config struct {
	// Token is the bot token (DISCORD_TOKEN), with or without the "Bot " prefix.
	Token string
	// AppID is the application id (DISCORD_APP_ID); when empty it is learned from READY
	// (gateway) or from the interaction (endpoint).
	AppID string
	// GuildID (DISCORD_GUILD_ID) registers the commands to one server, where they appear
	// at once; empty registers them globally.
	GuildID string
	// APIURL is the REST API base URL (DISCORD_API_URL), default DefaultAPIURL.
	APIURL string
	// Public makes replies visible to the channel instead of only to the asker.
	Public bool
	// MaxQuestion is the answering service's question length limit, registered as
	// the /ask option's max_length so that Discord stops longer ones as they are typed.
	MaxQuestion int
	// ModeratorRoleID is an optional role whose members may /reindex and /faq-admin
	// besides those with Manage Server or Administrator.
	ModeratorRoleID string
	// Reports is the question log /faq-admin reads; nil: the bot keeps none.
	Reports Reports
	// HelpChannels (DISCORD_HELP_CHANNELS) are the forum and text channels whose new
	// posts get an answer when the bot is sure of one (help.go). Listing any asks
	// Discord for the privileged Message Content intent. Empty: no auto-replies.
	HelpChannels []string
	// Switches keeps each server's /faq-admin autoreply switch; nil: always on.
	Switches AutoReplySwitches
	// Now returns the current time for the auto-replies' rate limits (time.Now when
	// nil); tests set it.
	Now func() time.Time
	// ShardCount (SHARD_COUNT) is the number of gateway shards all processes share
	// out; 0 takes the number Discord recommends (GET /gateway/bot).
	ShardCount int
	// ShardIDs (SHARD_ID: one shard or a range) are the shards this process runs;
	// empty runs them all.
	ShardIDs []int
	// RegisterCommands (DISCORD_REGISTER_COMMANDS) says whether this process
	// registers the slash commands; nil lets RegistersCommands decide.
	RegisterCommands *bool
	// RetryBackoff is the first wait before trying to reach Discord again (the
	// gateway, the registration of commands), doubled after each failure; 1s when
	// 0. Tests shorten it.
	RetryBackoff time.Duration
}

func (c Config) withDefaults() Config {
	if c.APIURL == "" {
		c.APIURL = DefaultAPIURL
	}
	return c
}

// Bot answers Discord interactions and mentions through the answering service. It is
// safe for concurrent use; it keeps no state a restart or another replica would need.
type Bot struct {
	cfg  Config
	svc  faq.Service
	rest *discordgo.Session
	log  *slog.Logger
	help *helpDesk

	mu      sync.Mutex
	idle    *sync.Cond
	pending int
}

// New returns a bot answering through svc. rest is used for REST calls made after the
// immediate response (editing a deferred /reindex reply); it needs no open gateway.
func New(cfg Config, svc faq.Service, rest *discordgo.Session, log *slog.Logger) *Bot {
	if log == nil {
		log = slog.New(slog.DiscardHandler)
	}
	cfg = cfg.withDefaults()
	b := &Bot{cfg: cfg, svc: svc, rest: rest, log: log, help: newHelpDesk(cfg)}
	b.idle = sync.NewCond(&b.mu)
	return b
}

// Wait blocks until all `later` work handed out by Respond (and replies the gateway is
// sending) has finished. Call it at shutdown, before closing the session and the engine.
func (b *Bot) Wait() {
	b.mu.Lock()
	defer b.mu.Unlock()
	for b.pending > 0 {
		b.idle.Wait()
	}
}

// begin counts one piece of in-flight work; the returned func ends it (once).
func (b *Bot) begin() func() {
	b.mu.Lock()
	b.pending++
	b.mu.Unlock()
	var once sync.Once
	return func() {
		once.Do(func() {
			b.mu.Lock()
			b.pending--
			if b.pending == 0 {
				b.idle.Broadcast()
			}
			b.mu.Unlock()
		})
	}
}
