package discord_test

import (
	"context"
	"fmt"
	"log/slog"
	"strings"
	"testing"
	"time"

	"github.com/faqbot/faqbot/internal/answer"
	"github.com/faqbot/faqbot/internal/discord"
	"github.com/faqbot/faqbot/internal/discord/discordtest"
	"github.com/faqbot/faqbot/internal/faq"
	"github.com/faqbot/faqbot/internal/faqtest"
	"github.com/faqbot/faqbot/internal/faqtest/servicetest"
)

// guilds are servers whose events go to shard 0 and shard 1 of 2, alternately:
// Discord sends a server's events on shard (guild_id >> 22) % shard count.
var guilds = func() []string {
	var out []string
	for k := range 6 {
		out = append(out, fmt.Sprint(uint64(4000+k)<<22|12345))
	}
	return out
}()

// process is one faqbot process running gateway shards against the fake Discord,
// as serve.Run runs them: commands registered if it is the one to, then the shards.
type process struct {
	logs *logBuffer
	stop func() error
}

func startProcess(t *testing.T, fake *discordtest.Server, svc faq.Service, cfg discord.Config) *process {
	t.Helper()
	p := &process{logs: newLogBuffer()}
	log := slog.New(slog.NewTextHandler(p.logs, &slog.HandlerOptions{Level: slog.LevelDebug}))
	cfg.Token, cfg.APIURL = botToken, fake.APIURL()
	sess, err := discord.NewSession(cfg, log)
	if err != nil {
		t.Fatal(err)
	}
	bot := discord.New(cfg, svc, sess, log)
	if cfg.RegistersCommands(true) {
		if err := bot.RegisterCommands(sess); err != nil {
			t.Fatal(err)
		}
	}
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan error, 1)
	go func() { done <- bot.ServeGateway(ctx, sess) }()
	p.stop = func() error {
		cancel()
		select {
		case err := <-done:
			return err
		case <-time.After(20 * time.Second):
			return fmt.Errorf("ServeGateway did not return after its context was cancelled")
		}
	}
	t.Cleanup(func() {
		if err := p.stop(); err != nil {
			t.Error(err)
		}
		if t.Failed() {
			t.Logf("logs:\n%s", p.logs.String())
		}
	})
	return p
}

// waitCtx bounds one wait.
func waitCtx(t *testing.T) context.Context {
	ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
	t.Cleanup(cancel)
	return ctx
}

// identified waits for n gateway IDENTIFYs and returns the shards they named.
func identified(t *testing.T, fake *discordtest.Server, n int) map[string]bool {
	t.Helper()
	shards := map[string]bool{}
	for range n {
		req, err := fake.Await(waitCtx(t), discordtest.Identified)
		if err != nil {
			t.Fatal(err)
		}
		var id struct {
			Shard []int `json:"shard"`
		}
		if err := req.JSON(&id); err != nil {
			t.Fatal(err)
		}
		shards[fmt.Sprint(id.Shard)] = true
	}
	return shards
}

// askEverywhere sends /ask from each guild and checks each is answered by the
// process running the guild's shard, with the shard in its log line, and by no
// other: it returns the interaction ids by shard.
func askEverywhere(t *testing.T, fake *discordtest.Server, byShard map[int]*process) {
	t.Helper()
	for n, g := range guilds {
		id := fmt.Sprint(7000 + n)
		shard := discordtest.ShardOf(g, 2)
		p := discordtest.InGuild(discordtest.Command(id, asker(7000+n), "ask", map[string]string{"question": knownQuestion}), g)
		if err := fake.Dispatch("INTERACTION_CREATE", p); err != nil {
			t.Fatal(err)
		}
		if _, err := fake.Await(waitCtx(t), discordtest.Callback(id)); err != nil {
			t.Fatalf("no reply to the interaction of guild %s (shard %d): %v", g, shard, err)
		}
		line := fmt.Sprintf(`msg=answered shard=%d interaction=%s `, shard, id)
		if err := byShard[shard].logs.await(waitCtx(t), line); err != nil {
			t.Errorf("guild %s: %v", g, err)
		}
		for other, q := range byShard {
			if q != byShard[shard] && strings.Contains(q.logs.String(), "interaction="+id+" ") {
				t.Errorf("guild %s (shard %d): the interaction reached the process of shard %d too", g, shard, other)
			}
		}
	}
}

func registrations(fake *discordtest.Server) int {
	n := 0
	for _, r := range fake.Requests() {
		if discordtest.Route("PUT", "/applications/")(r) {
			n++
		}
	}
	return n
}

// TestShardsInOneProcess runs the shards Discord recommends (2) in one process: each
// server's interactions are answered on its shard, and the commands registered once.
func TestShardsInOneProcess(t *testing.T) {
	t.Parallel() // each talks to a fake Discord of its own; closing a session waits a second
	fake := discordtest.New(t, botToken)
	fake.GatewayBot = discordtest.GatewayBot{Shards: 2, Total: 1000, Remaining: 1000, MaxConcurrency: 2}
	svc, _ := servicetest.Open(t, faqtest.Content(t), answer.Config{}, nil)
	p := startProcess(t, fake, svc, discord.Config{})
	if got := identified(t, fake, 2); !got["[0 2]"] || !got["[1 2]"] {
		t.Fatalf("identified as shards %v; want [0 2] and [1 2]", got)
	}
	askEverywhere(t, fake, map[int]*process{0: p, 1: p})
	if n := registrations(fake); n != 1 {
		t.Errorf("commands registered %d times; want once", n)
	}
}

// TestShardsInTwoProcesses runs shard 0 and shard 1 of 2 in two processes: each
// server's interactions reach the process of its shard only, and only the process
// of shard 0 registers the commands.
func TestShardsInTwoProcesses(t *testing.T) {
	t.Parallel() // each talks to a fake Discord of its own; closing a session waits a second
	fake := discordtest.New(t, botToken)
	svc, _ := servicetest.Open(t, faqtest.Content(t), answer.Config{}, nil)
	p0 := startProcess(t, fake, svc, discord.Config{ShardCount: 2, ShardIDs: []int{0}})
	p1 := startProcess(t, fake, svc, discord.Config{ShardCount: 2, ShardIDs: []int{1}})
	if got := identified(t, fake, 2); !got["[0 2]"] || !got["[1 2]"] {
		t.Fatalf("identified as shards %v; want [0 2] and [1 2]", got)
	}
	askEverywhere(t, fake, map[int]*process{0: p0, 1: p1})
	if n := registrations(fake); n != 1 {
		t.Errorf("commands registered %d times; want once", n)
	}
	for shard, p := range map[int]*process{0: p0, 1: p1} {
		for _, line := range strings.Split(strings.TrimSpace(p.logs.String()), "\n") {
			if strings.Contains(line, "gateway") && !strings.Contains(line, fmt.Sprintf("shard=%d", shard)) &&
				!strings.Contains(line, fmt.Sprintf("shards=[%d]", shard)) {
				t.Errorf("process of shard %d logged a line that names no shard, or another: %s", shard, line)
			}
		}
	}
}
