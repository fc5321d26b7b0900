package discord_test

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"log/slog"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/bwmarrin/discordgo"

	"github.com/faqbot/faqbot/internal/answer"
	"github.com/faqbot/faqbot/internal/discord"
	"github.com/faqbot/faqbot/internal/discord/discordtest"
	"github.com/faqbot/faqbot/internal/faq"
	"github.com/faqbot/faqbot/internal/faqtest"
	"github.com/faqbot/faqbot/internal/faqtest/servicetest"
	"github.com/faqbot/faqbot/internal/index"
)

const botToken = "test-bot-token-SECRET"

// logBuffer is a goroutine-safe log sink tests can search and wait on.
type logBuffer struct {
	mu      sync.Mutex
	buf     bytes.Buffer
	changed chan struct{} // closed and replaced on every write
}

func newLogBuffer() *logBuffer { return &logBuffer{changed: make(chan struct{})} }

func (l *logBuffer) Write(p []byte) (int, error) {
	l.mu.Lock()
	defer l.mu.Unlock()
	close(l.changed)
	l.changed = make(chan struct{})
	return l.buf.Write(p)
}

// await waits until the logs contain s.
func (l *logBuffer) await(ctx context.Context, s string) error {
	for {
		l.mu.Lock()
		found, changed := strings.Contains(l.buf.String(), s), l.changed
		l.mu.Unlock()
		if found {
			return nil
		}
		select {
		case <-changed:
		case <-ctx.Done():
			return fmt.Errorf("waiting for log %q: %w", s, ctx.Err())
		}
	}
}

func (l *logBuffer) String() string {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.buf.String()
}

// signalLibrary is the real index, telling the test when a reindex starts.
type signalLibrary struct {
	*index.Store
	reindexing chan struct{}
}

func (l signalLibrary) Reindex(ctx context.Context) (faq.ReindexReport, error) {
	select {
	case l.reindexing <- struct{}{}:
	default:
	}
	return l.Store.Reindex(ctx)
}

// drain forgets a signal left by an earlier reindex.
func (l signalLibrary) drain() {
	select {
	case <-l.reindexing:
	default:
	}
}

// harness is the real bot (RegisterCommands, ServeGateway, the real answering service and index over a
// temp copy of content/) connected to a fake Discord.
type harness struct {
	t          *testing.T
	fake       *discordtest.Server
	lib        signalLibrary
	svc        *answer.Service
	contentDir string
	logs       *logBuffer
	stop       func() error
}

func startBot(t *testing.T, cfg discord.Config) *harness {
	t.Helper()
	return startBotWith(t, cfg, botOptions{})
}

// botOptions are what some tests add to the harness.
type botOptions struct {
	observer faq.Observer              // receives the service's events
	fake     func(*discordtest.Server) // prepares the fake Discord before the bot connects
}

func startBotWith(t *testing.T, cfg discord.Config, opt botOptions) *harness {
	t.Helper()
	contentDir := faqtest.Content(t)
	logs := newLogBuffer()
	log := slog.New(slog.NewTextHandler(logs, &slog.HandlerOptions{Level: slog.LevelDebug}))
	_, store := servicetest.Open(t, contentDir, answer.Config{}, nil)
	lib := signalLibrary{store, make(chan struct{}, 1)}
	svc := answer.New(answer.Config{}, lib, opt.observer, log)
	fake := discordtest.New(t, botToken)
	if opt.fake != nil {
		opt.fake(fake)
	}
	cfg.Token = botToken
	cfg.APIURL = fake.APIURL()
	cfg.MaxQuestion = svc.MaxQuestion()
	h := &harness{t: t, fake: fake, lib: lib, svc: svc, contentDir: contentDir, logs: logs}
	sess, err := discord.NewSession(cfg, log)
	if err != nil {
		t.Fatal(err)
	}

	bot := discord.New(cfg, svc, sess, log)
	// As serve.Run does: the commands are registered, then the gateway connects.
	if err := bot.RegisterCommands(sess); err != nil {
		t.Fatalf("RegisterCommands: %v", err)
	}
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan error, 1)
	go func() { done <- bot.ServeGateway(ctx, sess) }()
	var once sync.Once
	var serveErr error
	h.stop = func() error {
		once.Do(func() {
			cancel()
			select {
			case serveErr = <-done:
			case <-time.After(20 * time.Second):
				t.Error("ServeGateway did not return after its context was cancelled")
			}
		})
		return serveErr
	}
	t.Cleanup(func() {
		h.stop()
		if t.Failed() {
			t.Logf("bot logs:\n%s", logs.String())
		}
	})
	if err := logs.await(h.ctx(), `msg="gateway ready"`); err != nil {
		select {
		case err := <-done:
			t.Fatalf("ServeGateway = %v before the gateway was ready", err)
		default:
			t.Fatalf("the gateway never got ready: %v", err)
		}
	}
	if err := fake.Connected(h.ctx()); err != nil {
		t.Fatal(err)
	}
	return h
}

// want is the service's own answer to question, which the bot must render.
func (h *harness) want(t *testing.T, question string) faq.Answer {
	t.Helper()
	a, err := h.svc.Ask(t.Context(), faq.Question{Text: question})
	if err != nil {
		t.Fatal(err)
	}
	return a
}

// ctx bounds one wait.
func (h *harness) ctx() context.Context {
	ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
	h.t.Cleanup(cancel)
	return ctx
}

func (h *harness) dispatch(t *testing.T, event string, data any) {
	t.Helper()
	if err := h.fake.Dispatch(event, data); err != nil {
		t.Fatal(err)
	}
}

// interact dispatches an interaction and returns the bot's callback (the first one
// that succeeded) and its raw body.
func (h *harness) interact(t *testing.T, payload map[string]any) (*response, string) {
	t.Helper()
	h.dispatch(t, "INTERACTION_CREATE", payload)
	return h.callback(t, payload["id"].(string))
}

// response is an interaction response as the fake received it.
type response struct {
	Type discordgo.InteractionResponseType `json:"type"`
	Data *struct {
		Content    string                                      `json:"content"`
		Embeds     []*discordgo.MessageEmbed                   `json:"embeds"`
		Components json.RawMessage                             `json:"components"`
		Choices    []*discordgo.ApplicationCommandOptionChoice `json:"choices"`
		Flags      discordgo.MessageFlags                      `json:"flags"`
	} `json:"data"`
}

func (h *harness) callback(t *testing.T, id string) (*response, string) {
	t.Helper()
	for {
		req, err := h.fake.Await(h.ctx(), discordtest.Callback(id))
		if err != nil {
			t.Fatalf("no callback for interaction %s: %v", id, err)
		}
		if req.Status >= 300 {
			continue
		}
		var resp response
		if err := req.JSON(&resp); err != nil {
			t.Fatalf("callback body %s: %v", req.Body, err)
		}
		if resp.Data == nil {
			t.Fatalf("callback without data: %s", req.Body)
		}
		return &resp, string(req.Body)
	}
}

// edit waits for the edit of the deferred reply to interaction id.
func (h *harness) edit(t *testing.T, id string) string {
	t.Helper()
	req, err := h.fake.Await(h.ctx(), discordtest.Edit(discordtest.Token(id)))
	if err != nil {
		t.Fatalf("deferred reply to %s never edited: %v", id, err)
	}
	var m struct {
		Content         string `json:"content"`
		AllowedMentions *struct {
			Parse []string `json:"parse"`
		} `json:"allowed_mentions"`
	}
	if err := req.JSON(&m); err != nil {
		t.Fatal(err)
	}
	if m.AllowedMentions == nil || m.AllowedMentions.Parse == nil || len(m.AllowedMentions.Parse) != 0 {
		t.Errorf("edit can ping: %s", req.Body)
	}
	return m.Content
}

// ask sends /ask and returns the first embed of the reply.
func (h *harness) ask(t *testing.T, id, user, question string) (*discordgo.MessageEmbed, string) {
	t.Helper()
	resp, raw := h.interact(t, discordtest.Command(id, discordtest.Member{ID: user}, "ask", map[string]string{"question": question}))
	if resp.Type != discordgo.InteractionResponseChannelMessageWithSource || len(resp.Data.Embeds) == 0 {
		t.Fatalf("/ask %q -> %s; want a message with an embed", question, raw)
	}
	if !strings.Contains(raw, `"allowed_mentions":{"parse":[]`) {
		t.Errorf("/ask reply can ping: %s", raw)
	}
	return resp.Data.Embeds[0], raw
}

func fieldValue(e *discordgo.MessageEmbed, name string) string {
	for _, f := range e.Fields {
		if f.Name == name {
			return f.Value
		}
	}
	return ""
}

func decode(t *testing.T, body []byte, v any) {
	t.Helper()
	if err := json.Unmarshal(body, v); err != nil {
		t.Fatalf("decode %s: %v", body, err)
	}
}
