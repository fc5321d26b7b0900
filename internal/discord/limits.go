package discord

import (
	"sync"
	"time"

	"golang.org/x/time/rate"
)

// Good citizenship in help channels: each listed channel gets at most
// autoReplyBurst replies at once and one every autoReplyEvery after that, and in
// every channel the bot keeps the slow mode (rate_limit_per_user) as if it applied to
// it (Discord exempts bots).
const (
	autoReplyEvery = 20 * time.Second
	autoReplyBurst = 3
	// maxSlowMode is Discord's longest slow mode: older posts constrain nothing.
	maxSlowMode = 6 * time.Hour
	maxLastPost = 4096
)

// Why a reply was not posted, as logged.
const (
	whySlowMode = "slow mode"
	whyRate     = "help channel rate limit"
)

// limits are the rate limits of the bot's replies in help channels.
type limits struct {
	mu       sync.Mutex
	perHelp  map[string]*rate.Limiter // by listed channel
	lastPost map[string]time.Time     // by channel posted in
}

func newLimits() *limits {
	return &limits{perHelp: map[string]*rate.Limiter{}, lastPost: map[string]time.Time{}}
}

// allow reports whether the bot may post now in channel (whose slow mode is
// slowMode), for help channel help, and counts the post when it may; why says what
// stopped it. Urgent replies (crisis resources) are not held back by the help
// channel's rate, only by slow mode.
func (l *limits) allow(help, channel string, slowMode time.Duration, urgent bool, now time.Time) (ok bool, why string) {
	l.mu.Lock()
	defer l.mu.Unlock()
	if last, seen := l.lastPost[channel]; seen && slowMode > 0 && now.Sub(last) < slowMode {
		return false, whySlowMode
	}
	if !urgent {
		lim := l.perHelp[help]
		if lim == nil {
			lim = rate.NewLimiter(rate.Every(autoReplyEvery), autoReplyBurst)
			l.perHelp[help] = lim
		}
		if !lim.AllowN(now, 1) {
			return false, whyRate
		}
	}
	if len(l.lastPost) >= maxLastPost {
		for ch, t := range l.lastPost {
			if now.Sub(t) >= maxSlowMode {
				delete(l.lastPost, ch)
			}
		}
	}
	l.lastPost[channel] = now
	return true, ""
}
