package endpoint_test

import (
	"bytes"
	"encoding/hex"
	"net/http"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/bwmarrin/discordgo"

	"github.com/faqbot/faqbot/internal/discord/endpoint"
)

func TestPing(t *testing.T) {
	f := newFixture(t)
	body := interactionJSON(t, "1", discordgo.InteractionPing, nil)
	resp, got := f.postSigned(t, body)
	if resp.StatusCode != http.StatusOK || string(got) != `{"type":1}` {
		t.Fatalf("PING = %d %s; want 200 {\"type\":1}", resp.StatusCode, got)
	}
	if ct := resp.Header.Get("Content-Type"); ct != "application/json" {
		t.Errorf("Content-Type = %q; want application/json", ct)
	}
	if len(f.bot.seen) != 0 {
		t.Errorf("PING reached the bot: %d interactions", len(f.bot.seen))
	}
}

func TestBadSignatures(t *testing.T) {
	f := newFixture(t)
	body := interactionJSON(t, "2", discordgo.InteractionPing, nil)
	sig, stamp := f.sign(f.now, body)
	other := newSigner(t)
	wrongKeySig, _ := other.sign(f.now, body)
	staleSig, staleStamp := f.sign(f.now.Add(-endpoint.DefaultMaxSkew-time.Second), body)
	futureSig, futureStamp := f.sign(f.now.Add(endpoint.DefaultMaxSkew+time.Second), body)
	flipped := []byte(sig)
	if flipped[0] == '0' {
		flipped[0] = '1'
	} else {
		flipped[0] = '0'
	}
	modified := bytes.Replace(body, []byte(`"type":1`), []byte(`"type":2`), 1)
	if bytes.Equal(modified, body) {
		t.Fatal("test body has no type field to modify")
	}

	tests := []struct {
		name       string
		body       []byte
		sig, stamp string
	}{
		{"no headers", body, "", ""},
		{"no signature", body, "", stamp},
		{"no timestamp", body, sig, ""},
		{"wrong key", body, wrongKeySig, stamp},
		{"modified body", modified, sig, stamp},
		{"modified timestamp", body, sig, strconv.FormatInt(f.now.Unix()+1, 10)},
		{"flipped signature bit", body, string(flipped), stamp},
		{"non-hex signature", body, strings.Repeat("zz", 64), stamp},
		{"short signature", body, sig[:126], stamp},
		{"long signature", body, sig + "00", stamp},
		{"empty body", nil, sig, stamp},
		{"non-numeric timestamp", body, sig, "yesterday"},
		{"stale timestamp", body, staleSig, staleStamp},
		{"future timestamp", body, futureSig, futureStamp},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			before := strings.Count(f.logs.String(), "request refused")
			resp, _ := f.post(t, tc.body, tc.sig, tc.stamp)
			if resp.StatusCode != http.StatusUnauthorized {
				t.Errorf("status = %d; want 401", resp.StatusCode)
			}
			if after := strings.Count(f.logs.String(), "request refused"); after != before+1 {
				t.Errorf("log lines for the refusal = %d; want 1", after-before)
			}
		})
	}
	if len(f.bot.seen) != 0 {
		t.Errorf("%d bad requests reached the bot", len(f.bot.seen))
	}
	assertNoSecrets(t, f.logs.String(), sig, wrongKeySig, staleSig, futureSig)

	// Edges of the replay window are accepted.
	for _, d := range []time.Duration{-endpoint.DefaultMaxSkew, endpoint.DefaultMaxSkew} {
		s, st := f.sign(f.now.Add(d), body)
		if resp, _ := f.post(t, body, s, st); resp.StatusCode != http.StatusOK {
			t.Errorf("timestamp %v from now: status %d; want 200", d, resp.StatusCode)
		}
	}
}

func TestMethodNotAllowed(t *testing.T) {
	f := newFixture(t)
	tests := []struct {
		method, path, allow string
	}{
		{http.MethodGet, endpoint.DefaultPath, "POST"},
		{http.MethodPut, endpoint.DefaultPath, "POST"},
		{http.MethodDelete, endpoint.DefaultPath, "POST"},
	}
	for _, tc := range tests {
		t.Run(tc.method+" "+tc.path, func(t *testing.T) {
			req, err := http.NewRequest(tc.method, f.srv.URL+tc.path, nil)
			if err != nil {
				t.Fatal(err)
			}
			resp, _ := do(t, req)
			if resp.StatusCode != http.StatusMethodNotAllowed {
				t.Errorf("status = %d; want 405", resp.StatusCode)
			}
			if got := resp.Header.Get("Allow"); got != tc.allow {
				t.Errorf("Allow = %q; want %q", got, tc.allow)
			}
		})
	}
	if n := strings.Count(f.logs.String(), "method not allowed"); n != len(tests) {
		t.Errorf("log lines = %d; want %d", n, len(tests))
	}
}

func TestTooLarge(t *testing.T) {
	f := newFixture(t) // MaxBody 4096
	big := interactionJSON(t, "3", discordgo.InteractionPing, map[string]any{"pad": strings.Repeat("x", 5000)})
	sig, stamp := f.sign(f.now, big)

	t.Run("content length", func(t *testing.T) {
		resp, _ := f.post(t, big, sig, stamp)
		if resp.StatusCode != http.StatusRequestEntityTooLarge {
			t.Errorf("status = %d; want 413", resp.StatusCode)
		}
	})
	t.Run("chunked", func(t *testing.T) {
		// No Content-Length: the limit must hold while reading.
		req, err := http.NewRequest(http.MethodPost, f.srv.URL+endpoint.DefaultPath, struct{ *bytes.Reader }{bytes.NewReader(big)})
		if err != nil {
			t.Fatal(err)
		}
		req.Header.Set(endpoint.HeaderSignature, sig)
		req.Header.Set(endpoint.HeaderTimestamp, stamp)
		resp, _ := do(t, req)
		if req.ContentLength != 0 || resp.StatusCode != http.StatusRequestEntityTooLarge {
			t.Errorf("status = %d (content length %d); want 413", resp.StatusCode, req.ContentLength)
		}
	})
	if n := strings.Count(f.logs.String(), "status=413"); n != 2 {
		t.Errorf("413 log lines = %d; want 2", n)
	}
	if len(f.bot.seen) != 0 {
		t.Error("an oversized request reached the bot")
	}
}

func TestMalformedJSON(t *testing.T) {
	f := newFixture(t)
	for _, body := range []string{`{"type":`, `not json`, `[]`, `{"type":2,"data":"str"}`} {
		t.Run(body, func(t *testing.T) {
			resp, _ := f.postSigned(t, []byte(body))
			if resp.StatusCode != http.StatusBadRequest {
				t.Errorf("status = %d; want 400", resp.StatusCode)
			}
		})
	}
	if n := strings.Count(f.logs.String(), "status=400"); n != 4 {
		t.Errorf("400 log lines = %d; want 4", n)
	}
}

func TestCommandGoesToBot(t *testing.T) {
	f := newFixture(t)
	body := interactionJSON(t, "4", discordgo.InteractionApplicationCommand, map[string]any{"id": "cmd", "name": "ask", "type": 1})
	resp, got := f.postSigned(t, body)
	if resp.StatusCode != http.StatusOK || !strings.Contains(string(got), `"content":"hello"`) {
		t.Fatalf("/ask = %d %s", resp.StatusCode, got)
	}
	if len(f.bot.seen) != 1 || f.bot.seen[0].ID != "4" || f.bot.seen[0].ApplicationCommandData().Name != "ask" {
		t.Fatalf("bot saw %+v", f.bot.seen)
	}
	assertNoSecrets(t, f.logs.String())
}

func TestLaterRunsAfterResponse(t *testing.T) {
	f := newFixture(t)
	body := interactionJSON(t, "5", discordgo.InteractionApplicationCommand, map[string]any{"id": "cmd", "name": "later", "type": 1})
	resp, got := f.postSigned(t, body)
	if resp.StatusCode != http.StatusOK || string(got) != `{"type":5}` {
		t.Fatalf("deferred = %d %s; want {\"type\":5}", resp.StatusCode, got)
	}
	select {
	case id := <-f.bot.done:
		if id != "5" {
			t.Errorf("later ran for %q", id)
		}
	case <-time.After(5 * time.Second):
		t.Fatal("later work never ran")
	}
	f.h.Wait()
}

func TestNewRejectsBadConfig(t *testing.T) {
	s := newSigner(t)
	bot := &fakeBot{}
	log := discardLogger()
	tests := []struct {
		name string
		cfg  endpoint.Config
	}{
		{"no key", endpoint.Config{}},
		{"non-hex key", endpoint.Config{PublicKey: strings.Repeat("g", 64)}},
		{"short key", endpoint.Config{PublicKey: hex.EncodeToString(s.pub[:16])}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			if _, err := endpoint.New(tc.cfg, bot, log); err == nil {
				t.Error("New succeeded; want an error")
			}
		})
	}
	if _, err := endpoint.New(endpoint.Config{PublicKey: " " + s.publicHex() + "\n"}, bot, log); err != nil {
		t.Errorf("New with a key with surrounding space: %v", err)
	}
}

func TestBrokenBot(t *testing.T) {
	f := newFixture(t)
	t.Run("panic", func(t *testing.T) {
		body := interactionJSON(t, "6", discordgo.InteractionApplicationCommand, map[string]any{"id": "cmd", "name": "panic", "type": 1})
		resp, _ := f.postSigned(t, body)
		if resp.StatusCode != http.StatusInternalServerError {
			t.Errorf("status = %d; want 500", resp.StatusCode)
		}
		if !strings.Contains(f.logs.String(), "responding panicked") {
			t.Error("no log line for the panic")
		}
	})
	t.Run("no response but later work", func(t *testing.T) {
		body := interactionJSON(t, "7", discordgo.InteractionApplicationCommand, map[string]any{"id": "cmd", "name": "nil-later", "type": 1})
		resp, _ := f.postSigned(t, body)
		if resp.StatusCode != http.StatusInternalServerError {
			t.Errorf("status = %d; want 500", resp.StatusCode)
		}
		select {
		case id := <-f.bot.done:
			if id != "7" {
				t.Errorf("later ran for %q", id)
			}
		case <-time.After(5 * time.Second):
			t.Fatal("later work was dropped; the bot would wait for it forever")
		}
	})
	assertNoSecrets(t, f.logs.String())
}
