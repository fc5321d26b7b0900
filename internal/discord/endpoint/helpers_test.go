package endpoint_test

import (
	"bytes"
	"context"
	"crypto/ed25519"
	"crypto/rand"
	"encoding/hex"
	"encoding/json"
	"io"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/bwmarrin/discordgo"

	"github.com/faqbot/faqbot/internal/discord/endpoint"
	"github.com/faqbot/faqbot/internal/faqtest"
)

// signer signs requests as Discord does, with a key pair made for the test.
type signer struct {
	pub  ed25519.PublicKey
	priv ed25519.PrivateKey
}

func newSigner(t testing.TB) signer {
	t.Helper()
	pub, priv, err := ed25519.GenerateKey(rand.Reader)
	if err != nil {
		t.Fatal(err)
	}
	return signer{pub: pub, priv: priv}
}

func (s signer) publicHex() string { return hex.EncodeToString(s.pub) }

// sign returns the signature headers for body at time ts.
func (s signer) sign(ts time.Time, body []byte) (sig, stamp string) {
	stamp = strconv.FormatInt(ts.Unix(), 10)
	return hex.EncodeToString(ed25519.Sign(s.priv, append([]byte(stamp), body...))), stamp
}

// fakeBot answers every interaction with a fixed message. Commands named "later" and
// "nil-later" come with later work that signals on done; "panic" panics.
type fakeBot struct {
	mu    sync.Mutex
	seen  []*discordgo.Interaction
	done  chan string
	reply *discordgo.InteractionResponse
}

func (f *fakeBot) Respond(ctx context.Context, transport string, i *discordgo.Interaction) (*discordgo.InteractionResponse, func(context.Context)) {
	f.mu.Lock()
	f.seen = append(f.seen, i)
	f.mu.Unlock()
	if i.Type == discordgo.InteractionApplicationCommand {
		switch i.ApplicationCommandData().Name {
		case "later":
			return &discordgo.InteractionResponse{Type: discordgo.InteractionResponseDeferredChannelMessageWithSource},
				func(ctx context.Context) { f.done <- i.ID }
		case "nil-later": // a broken bot: no response, but work to do
			return nil, func(ctx context.Context) { f.done <- i.ID }
		case "panic":
			panic("bot bug")
		}
	}
	if f.reply != nil {
		return f.reply, nil
	}
	return &discordgo.InteractionResponse{
		Type: discordgo.InteractionResponseChannelMessageWithSource,
		Data: &discordgo.InteractionResponseData{Content: "hello"},
	}, nil
}

// fixture is a running endpoint with a fake bot.
type fixture struct {
	signer
	srv  *httptest.Server
	h    *endpoint.Handler
	bot  *fakeBot
	logs *faqtest.SyncBuffer
	now  time.Time
}

func newFixture(t *testing.T) *fixture {
	t.Helper()
	f := &fixture{
		signer: newSigner(t),
		bot:    &fakeBot{done: make(chan string, 1)},
		logs:   &faqtest.SyncBuffer{},
		now:    time.Unix(1_800_000_000, 0),
	}
	log := slog.New(slog.NewTextHandler(f.logs, &slog.HandlerOptions{Level: slog.LevelDebug}))
	h, err := endpoint.New(endpoint.Config{
		PublicKey: f.publicHex(),
		MaxBody:   4096,
		Now:       func() time.Time { return f.now },
	}, f.bot, log)
	if err != nil {
		t.Fatal(err)
	}
	f.h = h
	f.srv = httptest.NewServer(h)
	t.Cleanup(func() {
		f.srv.Close()
		h.Wait()
	})
	return f
}

// post sends body to the interactions path with the given headers (nil values omitted).
func (f *fixture) post(t *testing.T, body []byte, sig, stamp string) (*http.Response, []byte) {
	t.Helper()
	req, err := http.NewRequest(http.MethodPost, f.srv.URL+endpoint.DefaultPath, bytes.NewReader(body))
	if err != nil {
		t.Fatal(err)
	}
	req.Header.Set("Content-Type", "application/json")
	if sig != "" {
		req.Header.Set(endpoint.HeaderSignature, sig)
	}
	if stamp != "" {
		req.Header.Set(endpoint.HeaderTimestamp, stamp)
	}
	return do(t, req)
}

// postSigned signs body at the fixture's time and posts it.
func (f *fixture) postSigned(t *testing.T, body []byte) (*http.Response, []byte) {
	t.Helper()
	sig, stamp := f.sign(f.now, body)
	return f.post(t, body, sig, stamp)
}

func do(t *testing.T, req *http.Request) (*http.Response, []byte) {
	t.Helper()
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	b, err := io.ReadAll(resp.Body)
	if err != nil {
		t.Fatal(err)
	}
	return resp, b
}

// interactionJSON builds a minimal interaction body of the given type.
func interactionJSON(t testing.TB, id string, typ discordgo.InteractionType, data any) []byte {
	t.Helper()
	m := map[string]any{
		"id":             id,
		"application_id": "app1",
		"type":           typ,
		"token":          "tok-" + id + "-SECRET",
		"version":        1,
		"guild_id":       "g1",
		"channel_id":     "c1",
		"member": map[string]any{
			"user":        map[string]any{"id": "u-" + id, "username": "asker"},
			"permissions": "0",
		},
	}
	if data != nil {
		m["data"] = data
	}
	b, err := json.Marshal(m)
	if err != nil {
		t.Fatal(err)
	}
	return b
}

// assertNoSecrets fails if the logs contain a token or a signature.
func assertNoSecrets(t *testing.T, logs string, sigs ...string) {
	t.Helper()
	if strings.Contains(logs, "SECRET") {
		t.Errorf("logs contain an interaction token:\n%s", logs)
	}
	for _, s := range sigs {
		if s != "" && strings.Contains(logs, s) {
			t.Errorf("logs contain the signature %s", s)
		}
	}
}

func timeNow() time.Time { return time.Now() }

func discardLogger() *slog.Logger { return slog.New(slog.DiscardHandler) }
