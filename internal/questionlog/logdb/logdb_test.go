package logdb_test

import (
	"context"
	"database/sql"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/faqbot/faqbot/internal/faq"
	"github.com/faqbot/faqbot/internal/faqtest/logtest"
	"github.com/faqbot/faqbot/internal/questionlog"
	"github.com/faqbot/faqbot/internal/questionlog/logdb"
)

var day = time.Date(2026, 3, 10, 9, 0, 0, 0, time.UTC)

const (
	risks = "ketamine-and-antidepressants#potential-risks"
	works = "ketamine-and-antidepressants#how-antidepressants-work"
)

func write(t *testing.T, db *logdb.DB, b questionlog.Batch) {
	t.Helper()
	if err := db.Write(context.Background(), b); err != nil {
		t.Fatal(err)
	}
}

func TestWriteAndReport(t *testing.T) {
	logtest.Each(t, func(t *testing.T, db *logdb.DB) {
		ctx := context.Background()
		nohit := func(server, text, nearest string, at time.Time) questionlog.Question {
			return questionlog.Question{Time: at, Transport: faq.TransportGateway, Server: server, Kind: string(faq.KindNoAnswer),
				Passage: nearest, Score: 1.5, Text: text}
		}
		write(t, db, questionlog.Batch{
			Questions: []questionlog.Question{
				nohit("g1", "does ketamine cause hair loss", risks, day),
				nohit("g1", "Does ketamine cause hair loss?", risks, day.Add(time.Hour)),
				nohit("g1", "is spravato covered by insurance", "", day.Add(2*time.Hour)),
				nohit("g2", "another server's question", risks, day),
				{Time: day, Server: "g1", Kind: string(faq.KindAnswer), Passage: works, Score: 9},
			},
			Votes: []questionlog.Vote{
				{Key: "k1", Time: day, Server: "g1", Passage: risks, Helpful: false, Question: "q1", Comment: "dose for teens"},
				{Key: "k2", Time: day, Server: "g1", Passage: risks, Helpful: true},
				{Key: "k3", Time: day, Server: "g1", Passage: works, Helpful: false, Question: "how do they work"},
				{Key: "k3", Time: day.Add(time.Minute), Server: "g1", Passage: works, Helpful: true}, // changed in the same batch
			},
			Counts: []questionlog.Count{
				{Day: "2026-03-10", Server: "g1", Kind: "answer", N: 3},
				{Day: "2026-03-10", Server: "g1", Kind: "no_answer", N: 2},
				{Day: "2026-03-11", Server: "g1", Kind: "crisis", N: 1},
				{Day: "2026-03-10", Server: "g2", Kind: "refused", N: 5},
			},
		})
		// A later batch: a vote changed, counts added to.
		write(t, db, questionlog.Batch{
			Votes:  []questionlog.Vote{{Key: "k2", Time: day.Add(time.Hour), Server: "g1", Passage: risks, Helpful: false}},
			Counts: []questionlog.Count{{Day: "2026-03-10", Server: "g1", Kind: "answer", N: 1}},
		})
		// An earlier vote written late (by another replica) does not undo a later one.
		write(t, db, questionlog.Batch{
			Votes: []questionlog.Vote{{Key: "k2", Time: day.Add(30 * time.Minute), Server: "g1", Passage: risks, Helpful: true}},
		})
		q := faq.ReportQuery{Server: "g1", Since: day.Add(-24 * time.Hour)}

		un, err := db.Unanswered(ctx, q)
		if err != nil {
			t.Fatal(err)
		}
		if len(un) != 2 || un[0].Count != 2 || un[0].Nearest != risks || un[1].Question != "is spravato covered by insurance" {
			t.Errorf("Unanswered = %+v; want the hair-loss pair near %s, then spravato", un, risks)
		}
		fb, err := db.Feedback(ctx, q)
		if err != nil {
			t.Fatal(err)
		}
		if len(fb) != 1 || fb[0].PassageID != risks || fb[0].Unhelpful != 2 || fb[0].Helpful != 0 ||
			len(fb[0].Comments) != 1 || fb[0].Comments[0] != "dose for teens" {
			t.Errorf("Feedback = %+v; want %s with 2 unhelpful (a changed vote), 0 helpful, the comment", fb, risks)
		}
		st, err := db.Stats(ctx, q)
		if err != nil {
			t.Fatal(err)
		}
		want := []faq.DayStats{
			{Day: day.Truncate(24 * time.Hour), Questions: 6, Answered: 4, NotCovered: 2},
			{Day: day.Truncate(24 * time.Hour).Add(24 * time.Hour), Questions: 1, Crisis: 1},
		}
		if len(st) != 2 || st[0] != want[0] || st[1] != want[1] {
			t.Errorf("Stats = %+v; want %+v", st, want)
		}
		all, err := db.Stats(ctx, faq.ReportQuery{Since: day.Add(-24 * time.Hour)})
		if err != nil || len(all) != 2 || all[0].Other != 5 || all[0].Questions != 11 {
			t.Errorf("Stats of all servers = %+v, %v; want g2's refusals counted", all, err)
		}
		if un, _ := db.Unanswered(ctx, faq.ReportQuery{Server: "g1", Since: day.Add(3 * time.Hour)}); len(un) != 0 {
			t.Errorf("Unanswered since after the questions = %+v; want none", un)
		}
	})
}

// TestPurge: retention deletes what is older than the limit, and only that.
func TestPurge(t *testing.T) {
	logtest.Each(t, func(t *testing.T, db *logdb.DB) {
		ctx := context.Background()
		old, recent := day.Add(-31*24*time.Hour), day.Add(-29*24*time.Hour)
		write(t, db, questionlog.Batch{
			Questions: []questionlog.Question{
				{Time: old, Server: "g", Kind: "no_answer", Text: "old question"},
				{Time: recent, Server: "g", Kind: "no_answer", Text: "recent question"},
			},
			Votes: []questionlog.Vote{
				{Key: "old", Time: old, Server: "g", Passage: risks},
				{Key: "recent", Time: recent, Server: "g", Passage: risks},
			},
			Counts: []questionlog.Count{
				{Day: old.Format(questionlog.DayLayout), Server: "g", Kind: "answer", N: 1},
				{Day: recent.Format(questionlog.DayLayout), Server: "g", Kind: "answer", N: 1},
			},
		})
		n, err := db.Purge(ctx, day.Add(-30*24*time.Hour))
		if err != nil || n != 3 {
			t.Errorf("Purge = %d, %v; want 3 records deleted", n, err)
		}
		q := faq.ReportQuery{Since: old.Add(-time.Hour)}
		un, _ := db.Unanswered(ctx, q)
		fb, _ := db.Feedback(ctx, q)
		st, _ := db.Stats(ctx, q)
		if len(un) != 1 || un[0].Question != "recent question" || len(fb) != 1 || fb[0].Unhelpful != 1 || len(st) != 1 {
			t.Errorf("after the purge: unanswered %+v, feedback %+v, stats %+v; want only the recent ones", un, fb, st)
		}
	})
}

// TestForget: faqbot forget deletes one server's records and leaves the others'.
func TestForget(t *testing.T) {
	logtest.Each(t, func(t *testing.T, db *logdb.DB) {
		ctx := context.Background()
		for _, s := range []string{"g1", "g2"} {
			write(t, db, questionlog.Batch{
				Questions: []questionlog.Question{{Time: day, Server: s, Kind: "no_answer", Text: "q"}},
				Votes:     []questionlog.Vote{{Key: s, Time: day, Server: s, Passage: risks}},
				Counts:    []questionlog.Count{{Day: "2026-03-10", Server: s, Kind: "no_answer", N: 1}},
			})
		}
		if n, err := db.Forget(ctx, "g1"); err != nil || n != 3 {
			t.Errorf("Forget(g1) = %d, %v; want 3", n, err)
		}
		for server, want := range map[string]int{"g1": 0, "g2": 1} {
			q := faq.ReportQuery{Server: server, Since: day.Add(-time.Hour)}
			un, _ := db.Unanswered(ctx, q)
			fb, _ := db.Feedback(ctx, q)
			st, _ := db.Stats(ctx, q)
			if len(un) != want || len(fb) != want || len(st) != want {
				t.Errorf("%s after forgetting g1: %d unanswered, %d feedback, %d days; want %d of each", server, len(un), len(fb), len(st), want)
			}
		}
	})
}

// TestSecret: the vote secret is made once and read back by every opener.
func TestSecret(t *testing.T) {
	check := func(t *testing.T, a, b *logdb.DB) {
		s1, err := a.Secret(context.Background())
		if err != nil || len(s1) != 32 {
			t.Fatalf("Secret = %x, %v; want 32 bytes", s1, err)
		}
		s2, err := b.Secret(context.Background())
		if err != nil || string(s1) != string(s2) {
			t.Errorf("second opener's secret = %x, %v; want %x", s2, err, s1)
		}
	}
	t.Run("sqlite", func(t *testing.T) {
		dir := t.TempDir()
		a := logtest.Open(t, logdb.Config{Dir: dir})
		check(t, a, logtest.Open(t, logdb.Config{Dir: dir}))
	})
	t.Run("postgres", func(t *testing.T) {
		url := logtest.PostgresURL(t)
		check(t, logtest.Open(t, logdb.Config{URL: url}), logtest.Open(t, logdb.Config{URL: url}))
	})
}

// TestOpenFails: a failed migration or a wrong URL stops the start with a clear
// message.
func TestOpenFails(t *testing.T) {
	dir := t.TempDir()
	db, err := sql.Open("sqlite", filepath.Join(dir, logdb.FileName))
	if err != nil {
		t.Fatal(err)
	}
	if _, err := db.Exec("CREATE TABLE questions (something_else TEXT)"); err != nil {
		t.Fatal(err)
	}
	db.Close()
	_, err = logdb.Open(context.Background(), logdb.Config{Dir: dir})
	if err == nil || !strings.Contains(err.Error(), "migrate the schema") || !strings.Contains(err.Error(), logdb.FileName) {
		t.Errorf("Open over a conflicting schema = %v; want a migration error naming the file", err)
	}
	_, err = logdb.Open(context.Background(), logdb.Config{URL: "mysql://user:pw@host/db"})
	if err == nil || !strings.Contains(err.Error(), "DATABASE_URL") || strings.Contains(err.Error(), "pw") {
		t.Errorf("Open(mysql URL) = %v; want an error naming DATABASE_URL without the password", err)
	}
}
