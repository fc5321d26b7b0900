package discord

import (
	"context"
	"fmt"
	"strings"
	"testing"
	"time"

	"github.com/bwmarrin/discordgo"

	"github.com/faqbot/faqbot/internal/answer"
	"github.com/faqbot/faqbot/internal/discord/discordtest"
	"github.com/faqbot/faqbot/internal/faq"
)

// reindexReply runs /reindex with opts as a moderator against lib and returns the
// content its deferred reply is edited with (through a fake Discord).
func reindexReply(t *testing.T, lib *fakeLibrary, opts map[string]bool) string {
	t.Helper()
	fake := discordtest.New(t, "")
	cfg := Config{APIURL: fake.APIURL(), AppID: discordtest.AppID}
	sess, err := NewSession(cfg, nil)
	if err != nil {
		t.Fatal(err)
	}
	b := New(cfg, answer.New(answer.Config{Cooldown: -1}, lib, nil, nil), sess, nil)
	i := reindexInteraction("r", member("u", discordgo.PermissionManageGuild))
	i.AppID, i.Token = discordtest.AppID, "tok-r"
	data := i.Data.(discordgo.ApplicationCommandInteractionData)
	for name, v := range opts {
		data.Options = append(data.Options, &discordgo.ApplicationCommandInteractionDataOption{
			Name: name, Type: discordgo.ApplicationCommandOptionBoolean, Value: v})
	}
	i.Data = data
	_, later := b.Respond(t.Context(), faq.TransportGateway, i)
	if later == nil {
		t.Fatal("/reindex by a moderator did nothing later")
	}
	later(t.Context())
	ctx, cancel := context.WithTimeout(t.Context(), 10*time.Second)
	defer cancel()
	req, err := fake.Await(ctx, discordtest.Edit("tok-r"))
	if err != nil {
		t.Fatal(err)
	}
	var m struct{ Content string }
	if err := req.JSON(&m); err != nil {
		t.Fatal(err)
	}
	return m.Content
}

// TestReindexOptions: force:true forces the reindex and lists the checks it
// overrode; rollback:true rolls back instead of rebuilding, and says so, or why not.
func TestReindexOptions(t *testing.T) {
	lib := newFakeLibrary()
	var plain int
	lib.reindex = func(context.Context) (faq.ReindexReport, error) {
		plain++
		return faq.ReindexReport{Documents: 1, Passages: 10, Checks: 12}, nil
	}
	if got := reindexReply(t, lib, nil); !strings.Contains(got, "All 12 checks passed") || plain != 1 {
		t.Errorf("/reindex = %q; want the summary with the checks", got)
	}
	got := reindexReply(t, lib, map[string]bool{optForce: true})
	if !strings.Contains(got, "Forced: 1 of 12 checks failed") || !strings.Contains(got, "content/x.md:3: forced") {
		t.Errorf("/reindex force:true = %q; want the override and its failure listed", got)
	}
	if got := reindexReply(t, lib, map[string]bool{optRollback: true}); got != "There is no earlier build to roll back to." {
		t.Errorf("/reindex rollback:true = %q; want no earlier build", got)
	}
	if plain != 2 {
		t.Errorf("%d plain reindexes; want 2 (force:true once, rollback:true none)", plain)
	}
}

// TestRenderReindexFailures lists the failed checks within Discord's 2,000
// characters, saying how many more there are.
func TestRenderReindexFailures(t *testing.T) {
	var lines []string
	for i := range 100 {
		lines = append(lines, fmt.Sprintf(`content/a.md:%d: question "q%d" should get this entry as the answer; it gets "not covered"`, i+1, i))
	}
	err := &faq.Error{Code: faq.EINVALID, Message: "Reindex refused — 100 of 120 must-answer checks failed.", Details: strings.Join(lines, "\n")}
	got := renderReindex(faq.ReindexReport{}, err).content
	if runeLen(got) > maxContent || !strings.Contains(got, "content/a.md:1: ") || !strings.Contains(got, "…and ") ||
		strings.Count(got, "```") != 2 {
		t.Fatalf("renderReindex of 100 failures (%d characters) =\n%s\nwant the first ones in a code block and how many more", runeLen(got), got)
	}
	shown := strings.Count(got, "content/a.md:")
	if want := fmt.Sprintf("…and %d more", 100-shown); !strings.HasSuffix(got, want) {
		t.Errorf("renderReindex ends %q; want %q", got[len(got)-20:], want)
	}
}

// TestAdminStale lists the overdue documents oldest first and, apart, those without
// a review date; it needs no question log.
func TestAdminStale(t *testing.T) {
	day := func(s string) time.Time { d, _ := time.Parse(time.DateOnly, s); return d }
	r := faq.Reviews{MaxAge: faq.Period{Months: 12},
		Overdue: []faq.DocumentReview{
			{ID: "older", Title: "Older", Reviewed: day("2023-01-02"), Due: day("2024-01-02")},
			{ID: "old", Title: "Old", Reviewed: day("2024-05-06"), Due: day("2025-05-06")},
		},
		Unreviewed: []faq.DocumentReview{{ID: "undated", Title: "Undated"}},
	}
	got := renderStale(r)
	if len(got.embeds) != 2 {
		t.Fatalf("stale = %d embeds; want the overdue and the undated", len(got.embeds))
	}
	over, undated := got.embeds[0].Description, got.embeds[1].Description
	if !strings.Contains(over, "**Older** `older`: reviewed 2 January 2023, due 2 January 2024") ||
		strings.Index(over, "older") > strings.Index(over, "`old`") || !strings.Contains(got.embeds[0].Title, "12 months") {
		t.Errorf("overdue embed = %q %q; want the oldest first, with dates", got.embeds[0].Title, over)
	}
	if !strings.Contains(undated, "**Undated** `undated`") {
		t.Errorf("undated embed = %q", undated)
	}
	if got := renderStale(faq.Reviews{MaxAge: faq.Period{Months: 12}}); !strings.Contains(got.content, "12 months") {
		t.Errorf("stale with nothing overdue = %q", got.content)
	}

	var many faq.Reviews
	for i := range 500 {
		many.Overdue = append(many.Overdue, faq.DocumentReview{ID: fmt.Sprint("doc-", i), Title: strings.Repeat("T", 40)})
		many.Unreviewed = append(many.Unreviewed, faq.DocumentReview{ID: fmt.Sprint("doc-", i), Title: strings.Repeat("U", 40)})
	}
	total := 0
	for _, e := range renderStale(many).embeds {
		total += embedLen(e)
		if !strings.Contains(e.Description, "more") {
			t.Errorf("a long list does not say how many more: %q", e.Description[len(e.Description)-30:])
		}
	}
	if total > maxEmbedsTotal {
		t.Errorf("stale embeds = %d characters; Discord allows %d", total, maxEmbedsTotal)
	}

	b := newTestBot(Config{}, newFakeLibrary(), 0) // no question log
	resp, later := b.Respond(t.Context(), faq.TransportGateway, adminInteraction(member("u", discordgo.PermissionManageGuild), "stale"))
	if later == nil || resp.Type != discordgo.InteractionResponseDeferredChannelMessageWithSource {
		t.Errorf("stale without a question log = %s; want it to run", mustJSON(t, resp))
	}
}

// TestFooterReviewNotice: an answer overdue for review says so in its footer, and
// "More results" still reads the question back from it.
func TestFooterReviewNotice(t *testing.T) {
	a := sampleAnswer()
	a.ReviewNotice = answer.ReviewNoticeText
	r := renderAnswer(a, renderOptions{question: "can i take ketamine with an ssri"})
	footer := r.embeds[0].Footer.Text
	if !strings.HasPrefix(footer, "⚠ "+answer.ReviewNoticeText) {
		t.Errorf("footer = %q; want the review notice first", footer)
	}
	q, ok := askedQuestion(&discordgo.Message{Embeds: r.embeds})
	if !ok || q != "can i take ketamine with an ssri" {
		t.Errorf("askedQuestion = %q, %v; want the question after the notice", q, ok)
	}
	if embedLen(r.embeds[0]) > maxEmbedsTotal {
		t.Errorf("embed = %d characters", embedLen(r.embeds[0]))
	}
}
