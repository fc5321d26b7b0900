package questionlog_test

import (
	"slices"
	"testing"
	"time"

	"github.com/faqbot/faqbot/internal/questionlog"
)

func TestGroup(t *testing.T) {
	day := time.Date(2026, 3, 1, 12, 0, 0, 0, time.UTC)
	hair := "ketamine-and-antidepressants#potential-risks"
	asked := []questionlog.Asked{
		{Text: "Does ketamine cause hair loss?", Nearest: hair, Time: day},
		{Text: "does ketamine cause hair loss", Nearest: hair, Time: day.Add(time.Hour)},
		{Text: "can ketamine cause hair loss", Nearest: "", Time: day.Add(2 * time.Hour)},
		{Text: "ketamine hair losses?", Nearest: hair, Time: day.Add(3 * time.Hour)},
		{Text: "is spravato covered by insurance", Nearest: "x#cost", Time: day.Add(4 * time.Hour)},
		{Text: "Is Spravato covered by insurance?", Nearest: "x#cost", Time: day.Add(5 * time.Hour)},
		{Text: "what is the weather", Time: day},
		{Text: "  ", Time: day},
	}
	got := questionlog.Group(asked, 10)
	if len(got) != 3 {
		t.Fatalf("Group = %+v; want 3 groups", got)
	}
	g := got[0]
	if g.Count != 4 || g.Nearest != hair || !g.Last.Equal(day.Add(3*time.Hour)) {
		t.Errorf("first group = %+v; want the 4 hair-loss questions, nearest %q, last at 15:00", g, hair)
	}
	if g.Question != "Does ketamine cause hair loss?" || !slices.Contains(g.Wordings, "ketamine hair losses?") {
		t.Errorf("first group wordings = %q + %q", g.Question, g.Wordings)
	}
	if got[1].Count != 2 || got[1].Nearest != "x#cost" || got[2].Question != "what is the weather" {
		t.Errorf("other groups = %+v, %+v", got[1], got[2])
	}
	if got := questionlog.Group(asked, 1); len(got) != 1 || got[0].Count != 4 {
		t.Errorf("Group(limit 1) = %+v; want the most asked", got)
	}
}
