package discord

import (
	"errors"
	"fmt"
	"log/slog"
	"net/http"
	"net/url"
	"regexp"
	"strings"
	"time"

	"github.com/bwmarrin/discordgo"
)

// ErrNoToken is returned when the bot token is missing.
var ErrNoToken = errors.New("DISCORD_TOKEN is not set: create a bot in the Discord developer portal and set DISCORD_TOKEN to its token")

// Intents are the gateway intents the bot asks for: servers and their messages, none
// of them privileged. Messages that mention the bot carry their text without the
// privileged message-content intent, which is asked for only when help channels are
// listed (intent.go).
const Intents = discordgo.IntentsGuilds | discordgo.IntentsGuildMessages

// NewSession returns a discordgo session whose REST calls go to cfg.APIURL (a
// RoundTripper rewriting https://discord.com/api/v9/... to APIURL); the gateway URL is
// discovered through it. The session logs discordgo's warnings and errors (to the
// standard logger unless RouteLibraryLogs was called); the bot itself logs connection,
// rate-limit and reply events into log.
// The token may be empty when the session is only used to edit interaction replies
// (the HTTP endpoint): those are authorised by the interaction token. The gateway
// needs it (Serve returns ErrNoToken).
func NewSession(cfg Config, log *slog.Logger) (*discordgo.Session, error) {
	cfg = cfg.withDefaults()
	base, err := url.Parse(strings.TrimSuffix(cfg.APIURL, "/"))
	if err != nil || (base.Scheme != "http" && base.Scheme != "https") || base.Host == "" {
		return nil, fmt.Errorf("DISCORD_API_URL %q: want an http(s) URL like %s", cfg.APIURL, DefaultAPIURL)
	}
	token := strings.TrimSpace(cfg.Token)
	if token != "" && !strings.HasPrefix(token, "Bot ") {
		token = "Bot " + token
	}
	s, err := discordgo.New(token)
	if err != nil {
		return nil, fmt.Errorf("create discord session: %w", err)
	}
	s.Identify.Intents = intents(cfg)
	s.LogLevel = discordgo.LogWarning // its informational lines quote tokenised URLs
	s.ShouldRetryOnRateLimit = true
	s.Client = &http.Client{
		Timeout:   20 * time.Second,
		Transport: &rewriter{from: apiBase, to: base, next: http.DefaultTransport},
	}
	return s, nil
}

// rewriter sends requests for discordgo's fixed API base URL to another base URL.
type rewriter struct {
	from string   // e.g. https://discord.com/api/v9
	to   *url.URL // e.g. http://127.0.0.1:4000/api/v9
	next http.RoundTripper
}

// RoundTrip implements http.RoundTripper.
func (rw *rewriter) RoundTrip(req *http.Request) (*http.Response, error) {
	u := req.URL.String()
	rest, ok := strings.CutPrefix(u, rw.from)
	if !ok || (rest != "" && rest[0] != '/' && rest[0] != '?') {
		return rw.next.RoundTrip(req)
	}
	target, err := url.Parse(rw.to.String() + rest)
	if err != nil {
		return nil, fmt.Errorf("rewrite API URL: %w", err)
	}
	r := req.Clone(req.Context())
	r.URL = target
	r.Host = target.Host
	return rw.next.RoundTrip(r)
}

// tokenInPath matches the secret part of interaction and webhook URLs; tokenInJSON a
// token field of a raw gateway payload.
var (
	tokenInPath = regexp.MustCompile(`(/(?:interactions|webhooks)/[0-9A-Za-z]+/)[^/?\s"]+`)
	tokenInJSON = regexp.MustCompile(`("token"\s*:\s*)"[^"]*"`)
)

// scrub is s as the bot logs it: tokens redacted, and discordgo's fixed API URL
// (https://discord.com/api/v9, which its errors and rate-limit events quote)
// replaced by the one requests actually go to (DISCORD_API_URL).
func (b *Bot) scrub(s string) string {
	s = redact(s)
	if to := strings.TrimSuffix(b.cfg.APIURL, "/"); to != apiBase {
		s = strings.ReplaceAll(s, apiBase, to)
	}
	return s
}

// scrubErr is err as the bot logs it (see scrub).
func (b *Bot) scrubErr(err error) error {
	if err == nil {
		return nil
	}
	if s := b.scrub(err.Error()); s != err.Error() {
		return fmt.Errorf("%s", s)
	}
	return err
}

// apiBase is the API base URL discordgo's requests are made for, before the
// rewriter sends them to DISCORD_API_URL.
var apiBase = strings.TrimSuffix(discordgo.EndpointAPI, "/")

// redact removes interaction and webhook tokens from a URL, an error message that
// quotes one, or a raw payload, so they never reach the logs.
func redact(s string) string {
	s = tokenInPath.ReplaceAllString(s, "${1}<redacted>")
	return tokenInJSON.ReplaceAllString(s, `${1}"<redacted>"`)
}
