package questionlog_test

import (
	"context"
	"database/sql"
	"errors"
	"log/slog"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/prometheus/client_golang/prometheus"

	"github.com/faqbot/faqbot/internal/answer"
	"github.com/faqbot/faqbot/internal/faq"
	"github.com/faqbot/faqbot/internal/faqtest"
	"github.com/faqbot/faqbot/internal/faqtest/logtest"
	"github.com/faqbot/faqbot/internal/faqtest/servicetest"
	"github.com/faqbot/faqbot/internal/questionlog"
	"github.com/faqbot/faqbot/internal/questionlog/logdb"
)

const (
	covered    = "Can I drink alcohol while on ketamine therapy?"
	notCovered = "can ketamine therapy cure migraines? email jane@example.com"
	crisis     = "I want to end my life"
	emergency  = "I just swallowed a whole bottle of my sleeping pills what do I do"
)

// logged is the real answering service over the seed content, recording into a
// question log with cfg over store.
type logged struct {
	svc  *answer.Service
	log  *questionlog.Log
	reg  *prometheus.Registry
	logs *faqtest.SyncBuffer
}

func start(t *testing.T, cfg questionlog.Config, store questionlog.Store) *logged {
	t.Helper()
	l := &logged{reg: prometheus.NewRegistry(), logs: &faqtest.SyncBuffer{}}
	l.log = questionlog.New(cfg, store, l.reg, slog.New(slog.NewTextHandler(l.logs, nil)))
	t.Cleanup(func() {
		ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
		defer cancel()
		if err := l.log.Close(ctx); err != nil {
			t.Errorf("Close = %v", err)
		}
	})
	l.svc, _ = servicetest.Open(t, faqtest.RepoContent, answer.Config{Cooldown: -1}, l.log)
	return l
}

var user = faq.Origin{Transport: faq.TransportGateway, Server: "g1", User: "u1"}

func (l *logged) ask(t *testing.T, q string) faq.Answer {
	t.Helper()
	a, err := l.svc.Ask(context.Background(), faq.Question{Origin: user, Text: q})
	if err != nil && faq.ErrorCode(err) != faq.EINVALID {
		t.Fatalf("Ask(%q): %v", q, err)
	}
	return a
}

func (l *logged) flush(t *testing.T) {
	t.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
	defer cancel()
	if err := l.log.Flush(ctx); err != nil {
		t.Fatal(err)
	}
}

// dropped reads the dropped metric for reason.
func (l *logged) dropped(t *testing.T, reason string) float64 {
	t.Helper()
	families, err := l.reg.Gather()
	if err != nil {
		t.Fatal(err)
	}
	for _, f := range families {
		if f.GetName() != "faqbot_question_log_dropped_total" {
			continue
		}
		for _, m := range f.GetMetric() {
			if m.GetLabel()[0].GetValue() == reason {
				return m.GetCounter().GetValue()
			}
		}
	}
	t.Fatalf("no dropped metric for %s", reason)
	return 0
}

// allText is every text stored in the SQLite log in dir, for looking for what must
// not be there.
func allText(t *testing.T, dir string) string {
	t.Helper()
	db, err := sql.Open("sqlite", filepath.Join(dir, logdb.FileName))
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	var b strings.Builder
	for _, q := range []string{
		"SELECT transport || server || kind || code || passage || COALESCE(question, '') FROM questions",
		"SELECT vote_key || passage || COALESCE(question, '') || COALESCE(comment, '') FROM votes",
		"SELECT day || server || kind FROM counts",
	} {
		rows, err := db.Query(q)
		if err != nil {
			t.Fatal(err)
		}
		for rows.Next() {
			var s string
			rows.Scan(&s)
			b.WriteString(s + "\n")
		}
		rows.Close()
	}
	return b.String()
}

// TestWhatIsRecorded: questions not covered are kept redacted with their nearest
// passage; crisis messages and answered questions are counted without their text;
// an unhelpful vote keeps the question and what the reader was looking for.
func TestWhatIsRecorded(t *testing.T) {
	dir := t.TempDir()
	db := logtest.Open(t, logdb.Config{Dir: dir})
	l := start(t, questionlog.Config{}, db)
	a := l.ask(t, covered)
	nohit := l.ask(t, notCovered)
	l.ask(t, crisis)
	if e := l.ask(t, emergency); e.Kind != faq.KindEmergency {
		t.Fatalf("%q = %s; want the emergency advice", emergency, e.Kind)
	}
	l.ask(t, strings.Repeat("too long ", 200))
	if nohit.Kind != faq.KindNoAnswer || len(nohit.Alternatives) == 0 {
		t.Fatalf("%q = %s; want a no-answer with topics", notCovered, nohit.Kind)
	}
	for _, r := range []faq.FeedbackRequest{
		{Origin: user, Answer: "m1", PassageID: a.PassageID, Helpful: true, Question: covered},
		{Origin: faq.Origin{Server: "g1", User: "u2"}, Answer: "m1", PassageID: a.PassageID, Question: "wine with ketamine?",
			Comment: "whether a glass of wine is ok, call 555-123-4567"},
	} {
		if _, err := l.svc.Feedback(context.Background(), r); err != nil {
			t.Fatal(err)
		}
	}
	l.flush(t)

	q := faq.ReportQuery{Server: "g1", Since: time.Now().Add(-time.Hour)}
	un, err := db.Unanswered(context.Background(), q)
	if err != nil {
		t.Fatal(err)
	}
	want := "can ketamine therapy cure migraines? email [email]"
	if len(un) != 1 || un[0].Question != want || un[0].Nearest != nohit.Alternatives[0].PassageID {
		t.Errorf("Unanswered = %+v; want %q near %s", un, want, nohit.Alternatives[0].PassageID)
	}
	fb, err := db.Feedback(context.Background(), q)
	if err != nil {
		t.Fatal(err)
	}
	if len(fb) != 1 || fb[0].Helpful != 1 || fb[0].Unhelpful != 1 || fb[0].Comments[0] != "whether a glass of wine is ok, call [phone]" {
		t.Errorf("Feedback = %+v; want 1 helpful, 1 not with the redacted comment", fb)
	}
	st, err := db.Stats(context.Background(), q)
	if err != nil || len(st) != 1 || st[0].Questions != 5 || st[0].Answered != 1 || st[0].NotCovered != 1 || st[0].Crisis != 2 || st[0].Other != 1 {
		t.Errorf("Stats = %+v, %v; want 5 questions: 1 answered, 1 not covered, 2 crisis or emergency, 1 refused", st, err)
	}
	stored := allText(t, dir)
	if !strings.Contains(stored, "wine with ketamine?") {
		t.Errorf("the unhelpful vote's question is not stored:\n%s", stored)
	}
	for _, secret := range []string{"end my life", "sleeping pills", "jane@example.com", "555-123-4567", "while on ketamine", "u1", "u2", "too long"} {
		if strings.Contains(stored, secret) {
			t.Errorf("the log stores %q:\n%s", secret, stored)
		}
	}
}

// TestCountsOnly: with QUESTION_LOG=off no question text and no per-question record
// is kept: the counts and the votes, without texts.
func TestCountsOnly(t *testing.T) {
	dir := t.TempDir()
	db := logtest.Open(t, logdb.Config{Dir: dir})
	l := start(t, questionlog.Config{CountsOnly: true}, db)
	a := l.ask(t, covered)
	l.ask(t, notCovered)
	l.svc.Feedback(context.Background(), faq.FeedbackRequest{Origin: user, PassageID: a.PassageID, Question: covered, Comment: "wine"})
	l.flush(t)
	q := faq.ReportQuery{Since: time.Now().Add(-48 * time.Hour)}
	st, _ := db.Stats(context.Background(), q)
	fb, _ := db.Feedback(context.Background(), q)
	if len(st) != 1 || st[0].Questions != 2 || len(fb) != 1 || len(fb[0].Comments) != 0 {
		t.Errorf("stats %+v, feedback %+v; want 2 questions counted, 1 vote without comments", st, fb)
	}
	if stored := allText(t, dir); strings.Contains(stored, "migraine") || strings.Contains(stored, "wine") ||
		strings.Contains(stored, "while on ketamine") || strings.Contains(stored, faq.TransportGateway) {
		t.Errorf("with counts only the log stores:\n%s", stored)
	}
}

// failingStore is a database that is down: every write fails at once.
type failingStore struct{}

func (failingStore) Write(context.Context, questionlog.Batch) error {
	return errors.New("connection refused")
}
func (failingStore) Purge(context.Context, time.Time) (int64, error) {
	return 0, errors.New("connection refused")
}

// TestDatabaseDown: with every write failing, every question is still answered, the
// records are counted as dropped and logged once per interval.
func TestDatabaseDown(t *testing.T) {
	l := start(t, questionlog.Config{Batch: 10, ReportEvery: time.Hour}, failingStore{})
	for i := range 25 {
		if a := l.ask(t, covered); a.Kind != faq.KindAnswer {
			t.Fatalf("question %d = %s; want an answer with the log down", i, a.Kind)
		}
	}
	l.flush(t)
	if got := l.dropped(t, questionlog.DropWriteFailed); got != 25 {
		t.Errorf("dropped (write failed) = %v; want 25", got)
	}
	if err := l.log.Close(context.Background()); err != nil {
		t.Fatal(err)
	}
	if got := strings.Count(l.logs.String(), "records dropped"); got != 1 || !strings.Contains(l.logs.String(), "write_failed=25") {
		t.Errorf("logs:\n%s\nwant one line saying 25 were dropped", l.logs.String())
	}
}

// blockedStore is a database that hangs until released.
type blockedStore struct {
	release chan struct{}
	mu      sync.Mutex
	written int
}

func (s *blockedStore) Write(ctx context.Context, b questionlog.Batch) error {
	select {
	case <-s.release:
	case <-ctx.Done():
		return ctx.Err()
	}
	s.mu.Lock()
	s.written += len(b.Questions)
	s.mu.Unlock()
	return nil
}
func (s *blockedStore) Purge(context.Context, time.Time) (int64, error) { return 0, nil }

// TestDatabaseSlow: with the database hanging, answers do not wait, the queue stays
// within its bound and what does not fit is counted.
func TestDatabaseSlow(t *testing.T) {
	store := &blockedStore{release: make(chan struct{})}
	const queue, batch, asked = 20, 5, 100 // a batch is taken when 5 are queued
	l := start(t, questionlog.Config{Queue: queue, Batch: batch, WriteTimeout: time.Minute}, store)
	done := make(chan struct{})
	go func() {
		defer close(done)
		for range asked {
			l.ask(t, covered)
		}
	}()
	select {
	case <-done:
	case <-time.After(30 * time.Second):
		t.Fatal("questions waited for the hanging database")
	}
	// The writer holds what it took (at most a queue's worth) while the queue fills.
	full := l.dropped(t, questionlog.DropQueueFull)
	if full < asked-2*queue || full > asked-queue {
		t.Errorf("dropped (queue full) = %v; want between %d and %d", full, asked-2*queue, asked-queue)
	}
	close(store.release)
	l.flush(t)
	store.mu.Lock()
	defer store.mu.Unlock()
	if float64(store.written)+full != asked {
		t.Errorf("written %d + dropped %v; want all %d accounted for", store.written, full, asked)
	}
}

// TestPurgeRunsByItself: records older than the retention are deleted without anyone
// asking, at start and then periodically.
func TestPurgeRunsByItself(t *testing.T) {
	db := logtest.SQLite(t)
	now := time.Now()
	old := questionlog.Question{Time: now.Add(-8 * 24 * time.Hour), Server: "g", Kind: "no_answer", Text: "old"}
	fresh := questionlog.Question{Time: now.Add(-6 * 24 * time.Hour), Server: "g", Kind: "no_answer", Text: "fresh"}
	if err := db.Write(context.Background(), questionlog.Batch{Questions: []questionlog.Question{old, fresh}}); err != nil {
		t.Fatal(err)
	}
	start(t, questionlog.Config{Days: 7, PurgeEvery: 10 * time.Millisecond}, db)
	deadline := time.Now().Add(10 * time.Second)
	for {
		un, err := db.Unanswered(context.Background(), faq.ReportQuery{Since: now.Add(-30 * 24 * time.Hour)})
		if err != nil {
			t.Fatal(err)
		}
		if len(un) == 1 && un[0].Question == "fresh" {
			return
		}
		if time.Now().After(deadline) {
			t.Fatalf("unanswered = %+v; want the old question purged by itself", un)
		}
		time.Sleep(5 * time.Millisecond)
	}
}
