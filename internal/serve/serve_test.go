package serve_test

import (
	"bytes"
	"context"
	"crypto/ed25519"
	"crypto/rand"
	"encoding/hex"
	"encoding/json"
	"io"
	"log/slog"
	"net"
	"net/http"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/faqbot/faqbot/internal/discord"
	"github.com/faqbot/faqbot/internal/discord/discordtest"
	"github.com/faqbot/faqbot/internal/discord/endpoint"
	"github.com/faqbot/faqbot/internal/faq"
	"github.com/faqbot/faqbot/internal/faqtest"
	"github.com/faqbot/faqbot/internal/index"
	"github.com/faqbot/faqbot/internal/search"
	"github.com/faqbot/faqbot/internal/serve"
)

// gatedBackend is the search backend, holding every build until the test opens the
// gate: the index is not in service until then.
type gatedBackend struct {
	search.Backend
	gate chan struct{}
}

func (g gatedBackend) Build(ctx context.Context, dir string, lib faq.Library) (faq.Ranker, error) {
	select {
	case <-g.gate:
	case <-ctx.Done():
		return nil, ctx.Err()
	}
	return g.Backend.Build(ctx, dir, lib)
}

// server is serve.Run in the background, with its addresses.
type server struct {
	public, ops string // base URLs; empty when not served
	done        chan error
	stop        context.CancelFunc
	priv        ed25519.PrivateKey
}

func listener(t *testing.T) net.Listener {
	t.Helper()
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	return ln
}

// start runs serve.Run with cfg over a copy of the shipped content; public and ops
// say which HTTP servers to start.
func start(t *testing.T, cfg serve.Config, public, ops bool) *server {
	t.Helper()
	return startLogging(t, cfg, public, ops, slog.New(slog.DiscardHandler))
}

// startLogging is start, logging to log.
func startLogging(t *testing.T, cfg serve.Config, public, ops bool, log *slog.Logger) *server {
	t.Helper()
	cfg.Index = index.Config{ContentDir: faqtest.Content(t), IndexDir: filepath.Join(t.TempDir(), "index")}
	s := &server{done: make(chan error, 1)}
	if public {
		pub, priv, err := ed25519.GenerateKey(rand.Reader)
		if err != nil {
			t.Fatal(err)
		}
		s.priv = priv
		cfg.Endpoint = endpoint.Config{PublicKey: hex.EncodeToString(pub)}
		cfg.Listener = listener(t)
		s.public = "http://" + cfg.Listener.Addr().String()
	}
	if ops {
		cfg.MetricsListener = listener(t)
		s.ops = "http://" + cfg.MetricsListener.Addr().String()
	}
	if cfg.Discord.APIURL == "" {
		cfg.Discord.APIURL = "http://127.0.0.1:1/api/v9" // nothing reaches discord.com
	}
	ctx, cancel := context.WithCancel(context.Background())
	s.stop = cancel
	go func() { s.done <- serve.Run(ctx, cfg, log) }()
	t.Cleanup(func() {
		cancel()
		select {
		case err := <-s.done:
			if err != nil {
				t.Errorf("serve.Run = %v after shutdown; want nil", err)
			}
		case <-time.After(30 * time.Second):
			t.Error("serve.Run did not return after its context was cancelled")
		}
	})
	return s
}

func get(t *testing.T, url string) (int, string) {
	t.Helper()
	resp, err := http.Get(url)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	b, _ := io.ReadAll(resp.Body)
	return resp.StatusCode, string(b)
}

// awaitStatus polls url until it answers want.
func awaitStatus(t *testing.T, url string, want int) {
	t.Helper()
	ctx, cancel := context.WithTimeout(t.Context(), 30*time.Second)
	defer cancel()
	tick := time.NewTicker(10 * time.Millisecond)
	defer tick.Stop()
	for {
		if resp, err := http.Get(url); err == nil {
			resp.Body.Close()
			if resp.StatusCode == want {
				return
			}
		}
		select {
		case <-ctx.Done():
			t.Fatalf("%s never answered %d", url, want)
		case <-tick.C:
		}
	}
}

// ask posts a signed /ask to the interactions endpoint and returns the response body.
func (s *server) ask(t *testing.T, id, question string) string {
	t.Helper()
	return s.interact(t, map[string]any{
		"id": id, "application_id": discordtest.AppID, "type": 2, "token": "tok-" + id, "version": 1, "guild_id": "g1",
		"member": map[string]any{"user": map[string]any{"id": "u" + id}, "permissions": "0"},
		"data": map[string]any{"id": "c", "name": "ask", "type": 1, "options": []map[string]any{
			{"name": "question", "type": 3, "value": question}}},
	})
}

// interact posts a signed interaction to the endpoint and returns the response body.
func (s *server) interact(t *testing.T, payload map[string]any) string {
	t.Helper()
	body, _ := json.Marshal(payload)
	ts := strconv.FormatInt(time.Now().Unix(), 10)
	req, _ := http.NewRequest(http.MethodPost, s.public+endpoint.DefaultPath, bytes.NewReader(body))
	req.Header.Set(endpoint.HeaderTimestamp, ts)
	req.Header.Set(endpoint.HeaderSignature, hex.EncodeToString(ed25519.Sign(s.priv, append([]byte(ts), body...))))
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	b, _ := io.ReadAll(resp.Body)
	if resp.StatusCode != http.StatusOK {
		t.Fatalf("interaction %s = %d %s", payload["id"], resp.StatusCode, b)
	}
	return string(b)
}

// TestHealthzUntilReady: /healthz answers 503 while the index is being built and
// 200 once it is in service; meanwhile a question is told to try again.
func TestHealthzUntilReady(t *testing.T) {
	gate := make(chan struct{})
	s := start(t, serve.Config{Backend: gatedBackend{gate: gate}}, true, false)
	awaitStatus(t, s.public+serve.PathHealth, http.StatusServiceUnavailable)
	if got := s.ask(t, "1", "how long does ketamine take to work"); !strings.Contains(got, "still loading") {
		t.Errorf("/ask while loading = %s; want to be told to try again", got)
	}
	close(gate)
	awaitStatus(t, s.public+serve.PathHealth, http.StatusOK)
	if got := s.ask(t, "2", "how long does ketamine take to work"); !strings.Contains(got, "How Long Does It Take for Ketamine to Work?") {
		t.Errorf("/ask once ready = %.300s; want the answer", got)
	}
	code, body := get(t, s.public+serve.PathMetrics)
	for _, want := range []string{`faqbot_questions_total{kind="answer"} 1`, `faqbot_questions_total{kind="error"} 1`, "faqbot_ready 1"} {
		if code != http.StatusOK || !strings.Contains(body, want) {
			t.Errorf("/metrics (%d) lacks %q", code, want)
		}
	}
}

// TestHealthzGatewayOnly: a bot with only the gateway serves /healthz and /metrics on
// METRICS_ADDR, 503 until its index is in service.
func TestHealthzGatewayOnly(t *testing.T) {
	t.Parallel() // a fake Discord of its own; closing a session waits a second
	fake := discordtest.New(t, "bot-token")
	gate := make(chan struct{})
	cfg := serve.Config{
		Backend: gatedBackend{gate: gate},
		Gateway: true,
		Discord: discord.Config{Token: "bot-token", APIURL: fake.APIURL(), GuildID: discordtest.GuildID},
	}
	s := start(t, cfg, false, true)
	awaitStatus(t, s.ops+serve.PathHealth, http.StatusServiceUnavailable)
	if code, body := get(t, s.ops+serve.PathMetrics); code != http.StatusOK || !strings.Contains(body, "faqbot_ready 0") {
		t.Errorf("/metrics while loading = %d; want faqbot_ready 0", code)
	}
	close(gate)
	awaitStatus(t, s.ops+serve.PathHealth, http.StatusOK)
	ctx, cancel := context.WithTimeout(t.Context(), 30*time.Second)
	defer cancel()
	if _, err := fake.Await(ctx, discordtest.Route("PUT", "/applications/")); err != nil {
		t.Fatalf("the gateway bot did not register its commands: %v", err)
	}
}

// TestEndpointOnlyRegistersCommands: a process with the bot token and no gateway (an
// HTTP-endpoint deployment) registers the commands when it starts, unless told not to.
func TestEndpointOnlyRegistersCommands(t *testing.T) {
	for _, register := range []bool{true, false} {
		fake := discordtest.New(t, "bot-token")
		cfg := serve.Config{Discord: discord.Config{Token: "bot-token", APIURL: fake.APIURL()}}
		if !register {
			cfg.Discord.RegisterCommands = new(false)
		}
		s := start(t, cfg, true, false)
		awaitStatus(t, s.public+serve.PathHealth, http.StatusOK)
		registered := 0
		for _, r := range fake.Requests() {
			if discordtest.Route("PUT", "/applications/"+discordtest.AppID+"/commands")(r) {
				registered++
			}
		}
		if want := map[bool]int{true: 1, false: 0}[register]; registered != want {
			t.Errorf("DISCORD_REGISTER_COMMANDS %v: registered %d times; want %d", register, registered, want)
		}
	}
}

// TestRoutes: what each server carries.
func TestRoutes(t *testing.T) {
	s := start(t, serve.Config{}, true, true)
	awaitStatus(t, s.public+serve.PathHealth, http.StatusOK)
	tests := []struct {
		name, method, url string
		want              int
	}{
		{"public health", "GET", s.public + serve.PathHealth, 200},
		{"public has no metrics when they have their own address", "GET", s.public + serve.PathMetrics, 404},
		{"public interactions need a signature", "POST", s.public + endpoint.DefaultPath, 401},
		{"interactions are POST only", "GET", s.public + endpoint.DefaultPath, 405},
		{"unknown path", "POST", s.public + "/other", 404},
		{"ops health", "HEAD", s.ops + serve.PathHealth, 200},
		{"ops metrics", "GET", s.ops + serve.PathMetrics, 200},
		{"ops has no interactions", "POST", s.ops + endpoint.DefaultPath, 404},
		{"health is GET only", "POST", s.ops + serve.PathHealth, 405},
		{"metrics are GET only", "POST", s.ops + serve.PathMetrics, 405},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			req, _ := http.NewRequest(tc.method, tc.url, nil)
			resp, err := http.DefaultClient.Do(req)
			if err != nil {
				t.Fatal(err)
			}
			resp.Body.Close()
			if resp.StatusCode != tc.want {
				t.Errorf("%s %s = %d; want %d", tc.method, tc.url, resp.StatusCode, tc.want)
			}
		})
	}
}

// TestStopsAndFreesTheAddress: once its context ends Run returns and nothing answers.
func TestStopsAndFreesTheAddress(t *testing.T) {
	s := start(t, serve.Config{}, true, false)
	awaitStatus(t, s.public+serve.PathHealth, http.StatusOK)
	s.stop()
	select {
	case err := <-s.done:
		if err != nil {
			t.Errorf("Run after cancel = %v; want nil", err)
		}
		s.done <- nil // for the cleanup
	case <-time.After(serve.ShutdownGrace + 5*time.Second):
		t.Fatal("Run did not return after its context was cancelled")
	}
	if _, err := http.Get(s.public + serve.PathHealth); err == nil {
		t.Error("server still answering after shutdown")
	}
}

func TestBadAddress(t *testing.T) {
	err := serve.Run(t.Context(), serve.Config{
		Index:    index.Config{ContentDir: faqtest.RepoContent, IndexDir: t.TempDir()},
		HTTPAddr: "256.0.0.1:99999",
		Discord:  discord.Config{APIURL: "http://127.0.0.1:1/api/v9"},
	}, slog.New(slog.DiscardHandler))
	if err == nil || !strings.Contains(err.Error(), "256.0.0.1:99999") {
		t.Fatalf("Run on a bad address = %v; want an error naming it", err)
	}
}
