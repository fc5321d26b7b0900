package discord

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"slices"
	"sync"
	"sync/atomic"
	"time"

	"github.com/bwmarrin/discordgo"
)

// identifyInterval is how long Discord wants between two starts of shards with the
// same rate-limit key (shard id % max_concurrency).
const identifyInterval = 5 * time.Second

// serveShards connects the shards and serves them until ctx is done (see
// ServeGateway); it returns an error when they cannot all connect, having closed
// those that did.
func (b *Bot) serveShards(ctx context.Context, s *discordgo.Session) error {
	gb, err := s.GatewayBot()
	if err != nil {
		return b.gatewayError(err)
	}
	count := b.cfg.ShardCount
	if count == 0 {
		count = max(1, gb.Shards)
	}
	ids := b.cfg.ShardIDs
	if len(ids) == 0 {
		for id := range count {
			ids = append(ids, id)
		}
	}
	for _, id := range ids {
		if id < 0 || id >= count {
			return fmt.Errorf("shard %d of %d: %w", id, count, errNoSuchShard)
		}
	}
	limit := gb.SessionStartLimit
	b.log.Info("gateway: starting shards", "shards", fmt.Sprint(ids), "of", count,
		"remaining_starts", limit.Remaining, "max_concurrency", limit.MaxConcurrency)
	if wait := startWait(limit, len(ids)); wait > 0 {
		b.log.Warn("gateway: too few session starts left today; waiting for the limit to reset",
			"remaining", limit.Remaining, "shards", len(ids), "wait", wait)
		select {
		case <-time.After(wait):
		case <-ctx.Done():
			return nil
		}
	}

	// In-flight replies finish even after ctx is done.
	work := context.WithoutCancel(ctx)
	var mu sync.Mutex
	var open []*shard
	shutdown := func() {
		mu.Lock()
		defer mu.Unlock()
		for _, sh := range open {
			sh.stopHandlers()
		}
		b.Wait()
		for _, sh := range open {
			sh.close()
		}
		open = nil
	}
	for r, round := range startRounds(ids, limit.MaxConcurrency) {
		if r > 0 {
			select {
			case <-time.After(identifyInterval):
			case <-ctx.Done():
				shutdown()
				return nil
			}
		}
		errs := make([]error, len(round))
		var wg sync.WaitGroup
		for i, id := range round {
			sess := s
			if r > 0 || i > 0 {
				if sess, err = NewSession(b.cfg, b.log); err != nil {
					errs[i] = err
					continue
				}
			}
			sess.ShardID, sess.ShardCount = id, count
			wg.Go(func() {
				sh, err := b.openShard(work, sess, id)
				if err != nil {
					errs[i] = err
					return
				}
				mu.Lock()
				open = append(open, sh)
				mu.Unlock()
			})
		}
		wg.Wait()
		if err := errors.Join(errs...); err != nil {
			shutdown()
			return err
		}
	}
	<-ctx.Done()
	b.log.Info("shutting down: finishing in-flight replies", "shards", fmt.Sprint(ids))
	shutdown()
	b.log.Info("gateway closed", "shards", fmt.Sprint(ids))
	return nil
}

// startWait is how long to wait before starting n shards with the session start
// limit l: until it resets when fewer starts remain (0 when Discord gave none).
func startWait(l discordgo.SessionInformation, n int) time.Duration {
	if l.Total == 0 || l.Remaining >= n {
		return 0
	}
	return time.Duration(l.ResetAfter) * time.Millisecond
}

// startRounds groups the shards ids into the rounds they are started in: all the
// shards of a round at once, identifyInterval apart. Discord lets maxConcurrency
// shards start together, one of each rate-limit key (id % maxConcurrency): ids
// sharing id / maxConcurrency.
func startRounds(ids []int, maxConcurrency int) [][]int {
	maxConcurrency = max(1, maxConcurrency)
	sorted := slices.Sorted(slices.Values(ids))
	var rounds [][]int
	for i, id := range sorted {
		if i == 0 || id/maxConcurrency != sorted[i-1]/maxConcurrency {
			rounds = append(rounds, nil)
		}
		rounds[len(rounds)-1] = append(rounds[len(rounds)-1], id)
	}
	return rounds
}

// shard is one gateway session of the bot.
type shard struct {
	s        *discordgo.Session
	log      *slog.Logger
	closing  atomic.Bool
	handlers []func() // answering: removed first at shutdown
	removers []func() // connection events
}

// openShard connects s, the session of shard id, and answers on it with ctx.
func (b *Bot) openShard(ctx context.Context, s *discordgo.Session, id int) (*shard, error) {
	log := b.log.With("shard", id)
	sh := &shard{s: s, log: log}
	ctx = withLog(ctx, log)
	sh.removers = []func(){
		s.AddHandler(func(_ *discordgo.Session, r *discordgo.Ready) {
			log.Info("gateway ready", "guilds", len(r.Guilds))
		}),
		s.AddHandler(func(_ *discordgo.Session, _ *discordgo.Connect) { log.Info("gateway connected") }),
		s.AddHandler(func(_ *discordgo.Session, _ *discordgo.Resumed) { log.Info("gateway session resumed") }),
		s.AddHandler(func(_ *discordgo.Session, _ *discordgo.Disconnect) {
			if !sh.closing.Load() {
				log.Warn("gateway disconnected; reconnecting")
			}
		}),
		s.AddHandler(func(_ *discordgo.Session, e *discordgo.RateLimit) {
			// discordgo waits retry_after and retries the request itself.
			log.Warn("rate limited by Discord; retrying", "url", b.scrub(e.URL), "retry_after", e.RetryAfter, "bucket", e.Bucket)
		}),
	}
	sh.handlers = []func(){
		s.AddHandler(func(s *discordgo.Session, e *discordgo.InteractionCreate) { b.onInteraction(ctx, s, e.Interaction) }),
		s.AddHandler(func(s *discordgo.Session, e *discordgo.MessageCreate) { b.onMessageCreate(ctx, s, e.Message) }),
		s.AddHandler(func(_ *discordgo.Session, e *discordgo.ThreadCreate) { b.onThreadCreate(e) }),
	}
	if err := b.openGateway(s); err != nil {
		sh.stopHandlers()
		for _, remove := range sh.removers {
			remove()
		}
		return nil, fmt.Errorf("shard %d: %w", id, b.gatewayError(err))
	}
	return sh, nil
}

func (sh *shard) stopHandlers() {
	for _, remove := range sh.handlers {
		remove()
	}
}

// close closes the shard's session, once its handlers are stopped and its replies sent.
func (sh *shard) close() {
	sh.closing.Store(true)
	if err := sh.s.Close(); err != nil {
		sh.log.Warn("close gateway session", "err", err)
	}
	for _, remove := range sh.removers {
		remove()
	}
}

type logKey struct{}

// withLog returns ctx carrying log, the logger of the shard a request came on.
func withLog(ctx context.Context, log *slog.Logger) context.Context {
	return context.WithValue(ctx, logKey{}, log)
}

// logFrom returns the logger ctx carries, or def.
func logFrom(ctx context.Context, def *slog.Logger) *slog.Logger {
	if log, ok := ctx.Value(logKey{}).(*slog.Logger); ok {
		return log
	}
	return def
}
