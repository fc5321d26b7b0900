package discord

import (
	"context"
	"errors"
	"fmt"
	"math/rand/v2"
	"net/http"
	"time"

	"github.com/bwmarrin/discordgo"
	"github.com/gorilla/websocket"
)

// ErrTokenRefused is an error saying Discord refused the bot token: no retry helps.
//
//lint:ignore ST1005 the message starts with a name
var ErrTokenRefused = errors.New("Discord refused the bot token (401 Unauthorized)")

// errNoSuchShard: SHARD_ID names a shard beyond SHARD_COUNT.
var errNoSuchShard = errors.New("no such shard")

// Backoff between attempts to reach Discord: the first wait (Config.RetryBackoff),
// doubled after each failure up to maxRetryWait, each wait drawn between half and
// all of it (jitter, so that processes restarted together do not retry together).
const (
	defaultRetryBackoff = time.Second
	maxRetryWait        = 2 * time.Minute
)

// ServeGateway runs the gateway bot until ctx is done: the shards this process runs
// (Config.ShardIDs of Config.ShardCount; by default all the shards GET /gateway/bot
// recommends), each on a session of its own (s, made by NewSession, is the first
// shard's), started as the session start limit allows. While Discord cannot be
// reached it tries again, with exponential backoff and jitter, logging each attempt;
// a token Discord refuses (ErrTokenRefused) or a shard that does not exist ends it.
// It answers interactions and mentions; then it stops taking new work, waits for
// in-flight replies (including a running /reindex) and closes every session. Every
// line it logs names its shard. It does not register the commands: see
// RegisterCommands. One Bot may serve the gateway and the HTTP endpoint together.
func (b *Bot) ServeGateway(ctx context.Context, s *discordgo.Session) error {
	if !hasToken(s.Token) {
		return ErrNoToken
	}
	return b.Retry(ctx, "connect to the gateway", func() error { return b.serveShards(ctx, s) })
}

// Retry calls f until it succeeds, fails for good (Permanent), or ctx is done (then
// it returns nil), waiting between attempts with exponential backoff and jitter,
// capped, and logging each failed attempt with what it was trying to do.
func (b *Bot) Retry(ctx context.Context, what string, f func() error) error {
	wait := b.cfg.RetryBackoff
	if wait <= 0 {
		wait = defaultRetryBackoff
	}
	for attempt := 1; ; attempt++ {
		err := f()
		switch {
		case err == nil || ctx.Err() != nil:
			return nil
		case Permanent(err):
			return err
		}
		d := wait/2 + rand.N(wait/2+1)
		b.log.Warn("cannot reach Discord; trying again", "to", what, "attempt", attempt, "wait", d.Round(time.Millisecond), "err", err)
		select {
		case <-time.After(d):
		case <-ctx.Done():
			return nil
		}
		wait = min(2*wait, maxRetryWait)
	}
}

// Permanent reports whether err is one that trying again cannot mend: a missing or
// refused token, a shard that does not exist, or a gateway refusing the bot's
// identify for good (invalid shard, sharding required, invalid or disallowed intents).
func Permanent(err error) bool {
	var ce *websocket.CloseError
	switch {
	case errors.Is(err, ErrTokenRefused), errors.Is(err, ErrNoToken), errors.Is(err, errNoSuchShard):
		return true
	case errors.As(err, &ce):
		return ce.Code >= 4010 && ce.Code <= 4014
	}
	return false
}

// gatewayError is err from connecting to the gateway, as the operator should read it.
func (b *Bot) gatewayError(err error) error {
	var ce *websocket.CloseError
	if errors.As(err, &ce) && ce.Code == closeAuthenticationFailed {
		return fmt.Errorf("connect to the Discord gateway: %w: copy %s again from the developer portal (Bot → Reset Token)",
			ErrTokenRefused, EnvToken)
	}
	return b.restError("connect to the Discord gateway", err)
}

// closeAuthenticationFailed is the gateway's close code for a token it refuses.
const closeAuthenticationFailed = 4004

// restError is err from a REST call made to do what, saying so when Discord refused
// the bot token; the URL it names is the one dialled.
func (b *Bot) restError(what string, err error) error {
	var rest *discordgo.RESTError
	if errors.As(err, &rest) && rest.Response != nil && rest.Response.StatusCode == http.StatusUnauthorized {
		return fmt.Errorf("%s: %w: copy %s again from the developer portal (Bot → Reset Token): %v", what,
			ErrTokenRefused, EnvToken, b.scrubErr(err))
	}
	var ce *websocket.CloseError
	if errors.As(err, &ce) {
		return fmt.Errorf("%s: %w", what, err) // kept, so that Permanent can read its code
	}
	return fmt.Errorf("%s: %w", what, b.scrubErr(err))
}
