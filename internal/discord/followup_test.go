package discord_test

import (
	"strings"
	"testing"
	"time"

	"github.com/faqbot/faqbot/internal/discord/discordtest"
	"github.com/faqbot/faqbot/internal/faq"
)

// rootQuestion and followUp: asked alone the follow-up is not answered from the
// passage that answers the root question; after it, it is.
const (
	rootQuestion = "Can I Drink Alcohol While Undergoing Ketamine Therapy?"
	followUp     = "why?"
)

// testFollowUps: a reply to the bot's answer in a help thread is asked with the
// question before it, whether Discord sends the answer along or it is read through
// REST; a few turns only, only replies to the bot's answers, and not faster than the
// thread's slow mode.
func testFollowUps(t *testing.T, h *harness, clk *clock) {
	clk.Advance(time.Hour)
	root := h.want(t, rootQuestion)
	carried := h.want(t, rootQuestion+"\n"+followUp)
	if root.Kind != faq.KindAnswer || carried.Kind != faq.KindAnswer {
		t.Fatalf("%q -> %s, with %q after it -> %s; the test needs answers", rootQuestion, root.Kind, followUp, carried.Kind)
	}
	if alone := h.want(t, followUp); alone.Kind == faq.KindAnswer && alone.PassageID == carried.PassageID {
		t.Fatalf("%q alone is answered from %s already: it shows no topic carried over", followUp, alone.PassageID)
	}
	h.forumPost(t, "2501", helpForum, asker(2501), rootQuestion, rootQuestion, 0)
	h.wantDecision(t, "2501", "msg=auto-replied")
	_, first := h.sent(t, "2501")

	// Discord sends the answer replied to along with the reply.
	reply := discordtest.MessageIn("2502", "2501", asker(2501), followUp)
	h.dispatch(t, "MESSAGE_CREATE", discordtest.Reply(reply, "2590", discordtest.BotMessage("2590", "2501", first)))
	h.wantDecision(t, "2502", `msg="follow-up answered"`, "turn=1")
	m, raw := h.sent(t, "2501")
	if len(m.Embeds) != 1 || m.Embeds[0].Title != carried.Title {
		t.Errorf("follow-up answer = %s; want %q (the topic carried over)", raw, carried.Title)
	}
	if want := "You asked: " + rootQuestion + "\n" + followUp; m.footer() != want {
		t.Errorf("footer = %q; want %q", m.footer(), want)
	}
	if m.Reference == nil || m.Reference.MessageID != "2502" || !strings.Contains(string(raw), "rm:1:"+asker(2501).ID) {
		t.Errorf("follow-up answer = %s; want a reply to the follow-up, at turn 1", raw)
	}

	// Without it, the bot reads it.
	h.fake.AddMessage(discordtest.BotMessage("2591", "2501", raw))
	h.dispatch(t, "MESSAGE_CREATE", discordtest.Reply(discordtest.MessageIn("2503", "2501", asker(2503), "is it dangerous?"), "2591", nil))
	h.wantDecision(t, "2503", `msg="follow-up answered"`, "turn=2")
	if _, err := h.fake.Await(h.ctx(), discordtest.Route("GET", "/channels/2501/messages/2591")); err != nil {
		t.Errorf("the answer replied to was not read: %v", err)
	}
	if _, raw = h.sent(t, "2501"); !strings.Contains(string(raw), "rm:2:"+asker(2503).ID) {
		t.Errorf("second follow-up answer = %s; want turn 2", raw)
	}

	// A few turns only.
	last := discordtest.BotMessage("2592", "2501", []byte(strings.Replace(string(raw), `"rm:2:`, `"rm:3:`, 1)))
	h.dispatch(t, "MESSAGE_CREATE", discordtest.Reply(discordtest.MessageIn("2504", "2501", asker(2504), "and then?"), "2592", last))
	h.wantDecision(t, "2504", `msg="follow-up skipped"`, "enough follow-ups")

	// A reply to someone else is no follow-up.
	other := discordtest.MessageIn("2505", "2501", asker(2505), "me too")
	h.dispatch(t, "MESSAGE_CREATE", discordtest.Reply(discordtest.MessageIn("2506", "2501", asker(2506), "why?"), "2505", other))
	h.wantDecision(t, "2506", "a reply to someone else")
	if n := h.posts("2501"); n != 3 {
		t.Errorf("%d messages posted in the thread; want the answer and two follow-ups", n)
	}

	// A thread's slow mode holds the bot's follow-ups too.
	clk.Advance(time.Hour)
	h.forumPost(t, "2801", helpForum, asker(2801), rootQuestion, rootQuestion, 60)
	h.wantDecision(t, "2801", "msg=auto-replied")
	_, first = h.sent(t, "2801")
	answer := discordtest.BotMessage("2890", "2801", first)
	h.dispatch(t, "MESSAGE_CREATE", discordtest.Reply(discordtest.MessageIn("2802", "2801", asker(2802), followUp), "2890", answer))
	h.wantDecision(t, "2802", `msg="follow-up skipped"`, `reason="slow mode"`)
	clk.Advance(61 * time.Second)
	h.dispatch(t, "MESSAGE_CREATE", discordtest.Reply(discordtest.MessageIn("2803", "2801", asker(2803), followUp), "2890", answer))
	h.wantDecision(t, "2803", `msg="follow-up answered"`)
	if n := h.posts("2801"); n != 2 {
		t.Errorf("%d messages posted in the slow thread; want the answer and the later follow-up", n)
	}
}
