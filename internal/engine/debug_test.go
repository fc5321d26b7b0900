package engine

import (
	"context"
	"os"
	"strings"
	"testing"
)

// TestDebugAnswers prints how the engine over FAQBOT_DEBUG_CONTENT (index in
// FAQBOT_DEBUG_INDEX) answers the questions in FAQBOT_DEBUG ("|"-separated) or the
// rows of FAQBOT_DEBUG_SET whose category starts with FAQBOT_DEBUG_CAT. A tuning
// tool, skipped unless configured.
func TestDebugAnswers(t *testing.T) {
	dir := os.Getenv("FAQBOT_DEBUG_CONTENT")
	if dir == "" {
		t.Skip("set FAQBOT_DEBUG_CONTENT and FAQBOT_DEBUG_INDEX")
	}
	e, err := Open(context.Background(), Config{ContentDir: dir, IndexDir: os.Getenv("FAQBOT_DEBUG_INDEX")}, nil)
	if err != nil {
		t.Fatal(err)
	}
	defer e.Close()
	var qs []labelled
	if set := os.Getenv("FAQBOT_DEBUG_SET"); set != "" {
		for _, l := range readLabelled(t, set) {
			if strings.HasPrefix(l.category, os.Getenv("FAQBOT_DEBUG_CAT")) {
				qs = append(qs, l)
			}
		}
	}
	for _, q := range strings.Split(os.Getenv("FAQBOT_DEBUG"), "|") {
		if q != "" {
			qs = append(qs, labelled{question: q})
		}
	}
	for _, q := range qs {
		a, _ := e.Answer(context.Background(), q.question)
		t.Logf("Q: %.120s\n   want: %s\n   got:  %s %q", q.question, strings.Join(q.expected, " | "), a.Kind, a.Title)
		st, _ := e.acquire()
		res, _ := st.ix.Search(context.Background(), q.question, 8)
		e.release()
		t.Logf("   terms=%d unknown=%v", res.Terms, res.Unknown)
		for _, h := range res.Hits {
			t.Logf("   hit %-70.70s s=%.2f cov=%.2f head=%.2f compl=%.2f key=%.2f anch=%v", st.passages[h.PassageID].p.Title, h.Score, h.Coverage, h.Heading, h.Complete, h.Key, h.Anchored)
		}
	}
}
