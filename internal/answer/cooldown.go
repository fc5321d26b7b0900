package answer

import (
	"sync"
	"time"
)

// cooldown limits each user to one question per period. Its memory is bounded by the
// number of users seen within one period: expired entries are swept as the map grows.
type cooldown struct {
	period time.Duration
	now    func() time.Time

	mu        sync.Mutex
	last      map[string]time.Time
	sweepSize int
}

func newCooldown(period time.Duration, now func() time.Time) *cooldown {
	return &cooldown{period: period, now: now, last: make(map[string]time.Time), sweepSize: 1024}
}

// allow records a question by user and reports whether it is allowed; when it is not,
// wait says how long until it would be.
func (c *cooldown) allow(user string) (ok bool, wait time.Duration) {
	if c.period <= 0 || user == "" {
		return true, 0
	}
	c.mu.Lock()
	defer c.mu.Unlock()
	now := c.now()
	if t, seen := c.last[user]; seen {
		if d := t.Add(c.period).Sub(now); d > 0 {
			return false, d
		}
	}
	c.last[user] = now
	if len(c.last) >= c.sweepSize {
		for u, t := range c.last {
			if now.Sub(t) >= c.period {
				delete(c.last, u)
			}
		}
		// Grow the threshold with the live set so sweeping stays amortised O(1).
		c.sweepSize = max(1024, 2*len(c.last))
	}
	return true, 0
}
