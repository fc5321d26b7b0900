package discord_test

import (
	"testing"
	"time"

	"github.com/faqbot/faqbot/internal/discord/discordtest"
)

// testLimits: a help channel gets a few auto-replies at once, then one every so
// often (crisis resources always); a channel's slow mode holds the bot too. The
// clock is the test's: nothing waits.
func testLimits(t *testing.T, h *harness, clk *clock) {
	clk.Advance(time.Hour)
	for _, id := range []string{"2701", "2702", "2703"} {
		h.forumPost(t, id, helpForum, asker(2700), knownQuestion, knownQuestion, 0)
		h.wantDecision(t, id, "msg=auto-replied")
	}
	h.forumPost(t, "2704", helpForum, asker(2704), knownQuestion, knownQuestion, 0)
	h.wantDecision(t, "2704", `reason="help channel rate limit"`)
	h.forumPost(t, "2705", helpForum, asker(2705), "Help", crisisText, 0)
	h.wantDecision(t, "2705", "msg=auto-replied", "kind=crisis")
	clk.Advance(20 * time.Second)
	h.forumPost(t, "2706", helpForum, asker(2706), knownQuestion, knownQuestion, 0)
	h.wantDecision(t, "2706", "msg=auto-replied")
	if n := h.posts("2704"); n != 0 {
		t.Errorf("the rate-limited post got %d replies", n)
	}

	// Slow mode: starting a thread on a post counts as posting in the channel.
	clk.Advance(time.Hour)
	h.dispatch(t, "MESSAGE_CREATE", discordtest.MessageIn("2901", slowText, asker(2901), knownQuestion))
	h.wantDecision(t, "2901", "msg=auto-replied")
	h.dispatch(t, "MESSAGE_CREATE", discordtest.MessageIn("2902", slowText, asker(2902), knownQuestion))
	h.wantDecision(t, "2902", `reason="slow mode"`)
	clk.Advance(61 * time.Second)
	h.dispatch(t, "MESSAGE_CREATE", discordtest.MessageIn("2903", slowText, asker(2903), knownQuestion))
	h.wantDecision(t, "2903", "msg=auto-replied")
	if n := h.posts("2902"); n != 0 {
		t.Errorf("the post within the slow mode got %d replies", n)
	}
}
