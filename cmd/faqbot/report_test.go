package main

import (
	"context"
	"encoding/csv"
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/faqbot/faqbot/internal/questionlog"
	"github.com/faqbot/faqbot/internal/questionlog/logdb"
)

const alcoholEntry = "ketamine-and-antidepressants#can-i-drink-alcohol-while-undergoing-ketamine-therapy"

// logged writes a small question log into e's DATA_DIR: server g1 with two
// unanswered questions near the alcohol FAQ entry and an unhelpful vote, server g2
// with one question.
func logged(t *testing.T, e env) {
	t.Helper()
	db, err := logdb.Open(context.Background(), logdb.Config{Dir: e["DATA_DIR"]})
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	now := time.Now().UTC()
	today := now.Format(questionlog.DayLayout)
	err = db.Write(context.Background(), questionlog.Batch{
		Questions: []questionlog.Question{
			{Time: now, Server: "g1", Kind: "no_answer", Passage: alcoholEntry, Text: "is one glass of wine ok after an infusion"},
			{Time: now, Server: "g1", Kind: "no_answer", Passage: alcoholEntry, Text: "Is one glass of wine OK after an infusion?"},
			{Time: now, Server: "g2", Kind: "no_answer", Text: "what does a session cost"},
		},
		Votes:  []questionlog.Vote{{Key: "k", Time: now, Server: "g1", Passage: alcoholEntry, Comment: "beer, not wine"}},
		Counts: []questionlog.Count{{Day: today, Server: "g1", Kind: "no_answer", N: 2}, {Day: today, Server: "g2", Kind: "no_answer", N: 1}},
	})
	if err != nil {
		t.Fatal(err)
	}
}

func TestReport(t *testing.T) {
	e := setup(t)
	logged(t, e)
	out, _, err := runFaqbot(t, e, "", "report", "-days", "2")
	if err != nil {
		t.Fatal(err)
	}
	for _, want := range []string{"the last 2 days, all servers", "  2× Is one glass of wine OK after an infusion?",
		"nearest: " + alcoholEntry + " (Can I Drink Alcohol While Undergoing Ketamine Therapy?)", "  1× what does a session cost",
		alcoholEntry + " (Can I Drink Alcohol While Undergoing Ketamine Therapy?): 1 not helpful, 0 helpful (0% helpful)", "> beer, not wine"} {
		if !strings.Contains(out, want) {
			t.Errorf("report lacks %q:\n%s", want, out)
		}
	}
	out, _, err = runFaqbot(t, e, "", "report", "-server", "g2", "-format", "json")
	var j struct {
		Stats      []struct{ Questions int }
		Unanswered []struct{ Question string }
		Feedback   []any
	}
	if err != nil || json.Unmarshal([]byte(out), &j) != nil || len(j.Stats) != 1 || j.Stats[0].Questions != 1 ||
		len(j.Unanswered) != 1 || j.Unanswered[0].Question != "what does a session cost" || j.Feedback == nil {
		t.Errorf("report -server g2 -format json = %s, %v", out, err)
	}
	out, _, err = runFaqbot(t, e, "", "report", "-format", "csv")
	rows, cerr := csv.NewReader(strings.NewReader(out)).ReadAll()
	if err != nil || cerr != nil || len(rows) != 1+1+2+1 || rows[0][0] != "report" || rows[2][0] != "unanswered" || rows[2][3] != "2" {
		t.Errorf("report -format csv = %q, %v, %v; want a header, a day, 2 groups, 1 passage", out, err, cerr)
	}
	out, _, err = runFaqbot(t, e, "", "report", "-suggest")
	want := "ketamine-and-antidepressants.md:197\n### Can I Drink Alcohol While Undergoing Ketamine Therapy?\nAlso asked:\n- Is one glass of wine OK after an infusion?\n"
	if err != nil || !strings.Contains(out, want) || strings.Contains(out, "session cost") {
		t.Errorf("report -suggest = %q, %v; want\n%s", out, err, want)
	}
	for _, args := range [][]string{{"report", "-days", "0"}, {"report", "-format", "xml"}, {"report", "extra"}, {"forget"}} {
		if _, _, err := runFaqbot(t, e, "", args...); err == nil {
			t.Errorf("%q: no error", args)
		}
	}
}

// TestForgetServer: faqbot forget -server deletes that server's records only.
func TestForgetServer(t *testing.T) {
	e := setup(t)
	logged(t, e)
	out, _, err := runFaqbot(t, e, "", "forget", "-server", "g1")
	if err != nil || !strings.HasPrefix(out, "Deleted 4 records of server g1") {
		t.Fatalf("forget = %q, %v; want 4 records of g1 deleted", out, err)
	}
	out, _, _ = runFaqbot(t, e, "", "report")
	if strings.Contains(out, "wine") || !strings.Contains(out, "session cost") {
		t.Errorf("report after forget:\n%s\nwant g2's question only", out)
	}
}

// TestAskNeedsNoLog: ask and index never open the question log.
func TestAskNeedsNoLog(t *testing.T) {
	e := setup(t)
	if _, _, err := runFaqbot(t, e, "", "ask", "how long does ketamine take to work"); err != nil {
		t.Fatal(err)
	}
	if _, err := os.Stat(filepath.Join(e["DATA_DIR"], logdb.FileName)); !os.IsNotExist(err) {
		t.Errorf("ask created the question log (stat: %v)", err)
	}
}

// TestQuestionLogSettings: the question log's settings are read and checked.
func TestQuestionLogSettings(t *testing.T) {
	for _, tc := range []struct {
		env  env
		want string // in the error; "" for none
	}{
		{env{"QUESTION_LOG": "off", "QUESTION_LOG_DAYS": "7", "QUESTION_LOG_SECRET": strings.Repeat("s", 32)}, ""},
		{env{"QUESTION_LOG": "maybe"}, "QUESTION_LOG="},
		{env{"QUESTION_LOG_DAYS": "0"}, "QUESTION_LOG_DAYS="},
		{env{"QUESTION_LOG_SECRET": "short"}, "QUESTION_LOG_SECRET"},
	} {
		s := &settings{getenv: tc.env.get}
		cfg, err := loadServeConfig(s, &indexFlags{})
		switch {
		case tc.want == "" && err != nil && !strings.Contains(err.Error(), "nothing to serve"):
			t.Errorf("%v: %v", tc.env, err)
		case tc.want != "" && (err == nil || !strings.Contains(err.Error(), tc.want)):
			t.Errorf("%v: err = %v; want one naming %s", tc.env, err, tc.want)
		case tc.want == "" && (!cfg.QuestionLog.CountsOnly || cfg.QuestionLog.Days != 7 || len(cfg.Answer.VoteSecret) != 32 || cfg.Database.Dir != "data"):
			t.Errorf("%v: config = %+v %+v", tc.env, cfg.QuestionLog, cfg.Database)
		}
	}
}
