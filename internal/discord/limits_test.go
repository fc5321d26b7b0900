package discord

import (
	"testing"
	"time"
)

// TestLimits: a help channel gets autoReplyBurst replies at once, then one every
// autoReplyEvery, each channel counted apart; urgent replies pass the rate but not
// slow mode, which holds the bot for the channel's rate_limit_per_user after each of
// its posts. Times are given: nothing waits.
func TestLimits(t *testing.T) {
	t0 := time.Date(2026, 3, 1, 12, 0, 0, 0, time.UTC)
	l := newLimits()
	allow := func(help, channel string, slow time.Duration, urgent bool, at time.Duration, want bool, why string) {
		t.Helper()
		ok, got := l.allow(help, channel, slow, urgent, t0.Add(at))
		if ok != want || got != why {
			t.Errorf("allow(%s, %s, slow %s, urgent %v) at +%s = %v %q; want %v %q", help, channel, slow, urgent, at, ok, got, want, why)
		}
	}
	for i := range autoReplyBurst {
		allow("f", "t"+string(rune('0'+i)), 0, false, 0, true, "")
	}
	allow("f", "t9", 0, false, 0, false, whyRate)
	allow("g", "u1", 0, false, 0, true, "") // another help channel has its own rate
	allow("f", "t9", 0, true, 0, true, "")  // crisis resources are not held back
	allow("f", "t8", 0, false, autoReplyEvery-time.Second, false, whyRate)
	allow("f", "t8", 0, false, autoReplyEvery, true, "")

	allow("s", "slow", time.Minute, false, time.Hour, true, "")
	allow("s", "slow", time.Minute, true, time.Hour+59*time.Second, false, whySlowMode)
	allow("s", "slow", time.Minute, false, time.Hour+time.Minute, true, "")
	allow("s", "fast", 0, false, time.Hour+time.Minute, true, "")
}
