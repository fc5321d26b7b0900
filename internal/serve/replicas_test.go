package serve_test

import (
	"context"
	"encoding/json"
	"io"
	"log/slog"
	"net"
	"net/http"
	"net/url"
	"regexp"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/faqbot/faqbot/internal/discord/discordtest"
	"github.com/faqbot/faqbot/internal/faqtest/logtest"
	"github.com/faqbot/faqbot/internal/questionlog"
	"github.com/faqbot/faqbot/internal/questionlog/logdb"
	"github.com/faqbot/faqbot/internal/serve"
)

// endpointReply is an interaction response as the endpoint returned it.
type endpointReply struct {
	Type int             `json:"type"`
	Data json.RawMessage `json:"data"`
}

// report asks /faq-admin sub on s until its deferred reply, edited through the fake
// Discord, contains every one of want.
func report(t *testing.T, s *server, fake *discordtest.Server, sub string, want ...string) string {
	t.Helper()
	n := 0
	return poll(t, "/faq-admin "+sub, want, func() string {
		n++
		id := "report-" + sub + strconv.Itoa(n)
		var r endpointReply
		json.Unmarshal([]byte(s.interact(t, discordtest.Subcommand(id, moderator, "faq-admin", sub, nil))), &r)
		if r.Type != 5 {
			t.Fatalf("/faq-admin %s = %d %s; want a deferred reply", sub, r.Type, r.Data)
		}
		edit, err := fake.Await(deadline(t), discordtest.Edit(discordtest.Token(id)))
		if err != nil {
			t.Fatal(err)
		}
		var got gatewayReply
		json.Unmarshal(edit.Body, &got.Data)
		return got.text()
	})
}

// TestReplicasShareOneLog: two serve.Run sharing one PostgreSQL report one log: the
// questions asked of either, and one vote per person and answer whichever replica
// took the clicks.
func TestReplicasShareOneLog(t *testing.T) {
	dbURL := logtest.PostgresURL(t)
	fake := discordtest.New(t, "")
	replica := func() *server {
		cfg := serve.Config{Database: logdb.Config{URL: dbURL}, QuestionLog: fastLog}
		cfg.Answer.Cooldown = -1
		cfg.Discord.APIURL = fake.APIURL()
		s := start(t, cfg, true, false)
		awaitStatus(t, s.public+serve.PathHealth, http.StatusOK)
		return s
	}
	a, b := replica(), replica()
	const other = "is ketamine therapy covered by insurance"
	a.interact(t, discordtest.Command("a1", asker, "ask", map[string]string{"question": unanswered}))
	b.interact(t, discordtest.Command("b1", asker, "ask", map[string]string{"question": other}))
	var answer endpointReply
	json.Unmarshal([]byte(a.interact(t, discordtest.Command("a2", asker, "ask", map[string]string{"question": answered}))), &answer)
	var msg struct {
		Embeds any `json:"embeds"`
	}
	json.Unmarshal(answer.Data, &msg)
	// The same member rates the same answer on one replica, then changes their mind
	// on the other: one vote, the last.
	a.interact(t, discordtest.OnMessage(discordtest.Component("a3", asker, "up:"+answeredID), "m1", msg.Embeds))
	b.interact(t, discordtest.OnMessage(discordtest.Component("b3", asker, "down:"+answeredID), "m1", msg.Embeds))

	report(t, a, fake, "unanswered", unanswered, other)
	report(t, b, fake, "stats", "Total              3        1           2")
	report(t, a, fake, "feedback", "`"+answeredID+"`: **1** not helpful, 0 helpful")
}

// proxy forwards TCP connections to a database until stopped, as a database that
// goes away would.
type proxy struct {
	ln     net.Listener
	target string
	mu     sync.Mutex
	conns  []net.Conn
}

func newProxy(t *testing.T, target string) *proxy {
	p := &proxy{ln: listener(t), target: target}
	go func() {
		for {
			c, err := p.ln.Accept()
			if err != nil {
				return
			}
			up, err := net.Dial("tcp", p.target)
			if err != nil {
				c.Close()
				continue
			}
			p.mu.Lock()
			p.conns = append(p.conns, c, up)
			p.mu.Unlock()
			go func() { io.Copy(up, c); up.Close() }()
			go func() { io.Copy(c, up); c.Close() }()
		}
	}()
	t.Cleanup(p.stop)
	return p
}

// stop refuses new connections and cuts the open ones.
func (p *proxy) stop() {
	p.ln.Close()
	p.mu.Lock()
	defer p.mu.Unlock()
	for _, c := range p.conns {
		c.Close()
	}
}

// metric polls the metrics until series is at least least, and returns it.
func metric(t *testing.T, s *server, series string, least float64) float64 {
	t.Helper()
	re := regexp.MustCompile(`(?m)^` + regexp.QuoteMeta(series) + ` (\S+)$`)
	var v float64
	poll(t, series+" >= "+strconv.FormatFloat(least, 'g', -1, 64), []string{"ok"}, func() string {
		_, body := get(t, s.ops+serve.PathMetrics)
		if m := re.FindStringSubmatch(body); m != nil {
			v, _ = strconv.ParseFloat(m[1], 64)
			if v >= least {
				return "ok"
			}
		}
		return strconv.FormatFloat(v, 'g', -1, 64)
	})
	return v
}

// TestDatabaseStoppedMidRun: with the database gone mid-run, every question is still
// answered and the records that could not be written are counted as dropped.
func TestDatabaseStoppedMidRun(t *testing.T) {
	u, err := url.Parse(logtest.PostgresURL(t))
	if err != nil {
		t.Fatal(err)
	}
	p := newProxy(t, u.Host)
	u.Host = p.ln.Addr().String()
	cfg := serve.Config{Database: logdb.Config{URL: u.String()},
		QuestionLog: questionlog.Config{FlushEvery: 5 * time.Millisecond, WriteTimeout: 2 * time.Second}}
	cfg.Answer.Cooldown = -1
	s := start(t, cfg, true, true)
	awaitStatus(t, s.public+serve.PathHealth, http.StatusOK)
	for i := range 3 {
		s.ask(t, "before"+strconv.Itoa(i), answered)
	}
	metric(t, s, "faqbot_question_log_written_total", 3)

	p.stop()
	const asked = 20
	for i := range asked {
		if got := s.ask(t, "after"+strconv.Itoa(i), answered); !strings.Contains(got, "Can I Drink Alcohol") {
			t.Fatalf("question %d with the database stopped = %.200s; want the answer", i, got)
		}
	}
	metric(t, s, `faqbot_question_log_dropped_total{reason="write_failed"}`, asked)
	if v := metric(t, s, "faqbot_question_log_written_total", 0); v != 3 {
		t.Errorf("written = %v; want the 3 from before the stop", v)
	}
}

// TestLogUnavailableAtStart: a question log that cannot be opened stops the start
// with a message saying so.
func TestLogUnavailableAtStart(t *testing.T) {
	ln := listener(t)
	addr := ln.Addr().String()
	ln.Close() // nothing listens there now
	cfg := serve.Config{Database: logdb.Config{URL: "postgres://postgres:secret@" + addr + "/test?sslmode=disable&connect_timeout=5"}}
	cfg.Index.ContentDir, cfg.Index.IndexDir = "testdata-none", t.TempDir()
	err := serve.Run(context.Background(), cfg, slog.New(slog.DiscardHandler))
	if err == nil || !strings.Contains(err.Error(), "question log: connect to postgres://…@"+addr) || strings.Contains(err.Error(), "secret") {
		t.Errorf("Run with the database down = %v; want it to say the question log cannot connect, without the password", err)
	}
}
