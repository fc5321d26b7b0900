package main

import (
	"bytes"
	"context"
	"crypto/ed25519"
	"crypto/rand"
	"encoding/hex"
	"errors"
	"io"
	"net"
	"net/http"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/faqbot/faqbot/internal/discord/discordtest"
	"github.com/faqbot/faqbot/internal/faqtest"
)

// freeAddr returns a loopback address nothing listens on.
func freeAddr(t *testing.T) string {
	t.Helper()
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	addr := ln.Addr().String()
	ln.Close()
	return addr
}

// waitFor polls f until it returns true or the deadline passes.
func waitFor(t *testing.T, ctx context.Context, what string, f func() bool) {
	t.Helper()
	tick := time.NewTicker(10 * time.Millisecond)
	defer tick.Stop()
	for !f() {
		select {
		case <-ctx.Done():
			t.Fatalf("waiting for %s: %v", what, ctx.Err())
		case <-tick.C:
		}
	}
}

func TestServeWithoutTransportSaysWhatToSet(t *testing.T) {
	e := setup(t)
	_, _, err := runFaqbot(t, e, "", "serve")
	if !errors.Is(err, errNoTransport) || !strings.Contains(err.Error(), "DISCORD_TOKEN") {
		t.Errorf("serve with nothing configured: err = %v; want it to name DISCORD_TOKEN", err)
	}
	e["HTTP_ADDR"] = "127.0.0.1:1"
	if _, _, err := runFaqbot(t, e, "", "serve"); err == nil || !strings.Contains(err.Error(), "DISCORD_PUBLIC_KEY") {
		t.Errorf("serve with HTTP_ADDR only: err = %v; want it to name DISCORD_PUBLIC_KEY", err)
	}
}

// TestServeBothTransports runs `faqbot serve` with the gateway (against a fake
// Discord) and the HTTP endpoint, answers a signed PING and a gateway /ask, and
// shuts down cleanly when the context ends.
func TestServeBothTransports(t *testing.T) {
	fake := discordtest.New(t, "bot-token")
	pub, priv, err := ed25519.GenerateKey(rand.Reader)
	if err != nil {
		t.Fatal(err)
	}
	e := setup(t)
	addr := freeAddr(t)
	e["DISCORD_TOKEN"] = "bot-token"
	e["DISCORD_API_URL"] = fake.APIURL()
	e["DISCORD_GUILD_ID"] = discordtest.GuildID
	e["HTTP_ADDR"] = addr
	e["DISCORD_PUBLIC_KEY"] = hex.EncodeToString(pub)
	e["ASK_COOLDOWN"] = "off"

	ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
	defer cancel()
	runCtx, stop := context.WithCancel(ctx)
	done := make(chan error, 1)
	var logs faqtest.SyncBuffer
	go func() {
		done <- run(runCtx, []string{"serve"}, e.get, strings.NewReader(""), io.Discard, &logs)
	}()

	waitFor(t, ctx, "/healthz to say ready", func() bool {
		resp, err := http.Get("http://" + addr + "/healthz")
		if err != nil {
			return false
		}
		resp.Body.Close()
		return resp.StatusCode == http.StatusOK
	})

	body := []byte(`{"type":1,"id":"1","application_id":"` + discordtest.AppID + `","token":"t","version":1}`)
	ts := strconv.FormatInt(time.Now().Unix(), 10)
	req, _ := http.NewRequest("POST", "http://"+addr+"/interactions", bytes.NewReader(body))
	req.Header.Set("X-Signature-Timestamp", ts)
	req.Header.Set("X-Signature-Ed25519", hex.EncodeToString(ed25519.Sign(priv, append([]byte(ts), body...))))
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	got, _ := io.ReadAll(resp.Body)
	resp.Body.Close()
	if resp.StatusCode != 200 || strings.TrimSpace(string(got)) != `{"type":1}` {
		t.Errorf("signed PING = %d %s; want 200 {\"type\":1}", resp.StatusCode, got)
	}

	if _, err := fake.Await(ctx, discordtest.Route("PUT", "/applications/")); err != nil {
		t.Fatalf("commands not registered: %v", err)
	}
	if _, err := fake.Await(ctx, discordtest.Identified); err != nil {
		t.Fatal(err)
	}
	member := discordtest.Member{ID: "420000000000000042"}
	waitFor(t, ctx, "the gateway to take an event", func() bool {
		return fake.Dispatch("INTERACTION_CREATE", discordtest.Command("100", member, "ask",
			map[string]string{"question": "Can I drink alcohol while on ketamine therapy?"})) == nil
	})
	cb, err := fake.Await(ctx, discordtest.Callback("100"))
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(string(cb.Body), "Can I Drink Alcohol While Undergoing Ketamine Therapy?") ||
		!strings.Contains(string(cb.Body), `"parse":[]`) {
		t.Errorf("/ask callback = %s; want the alcohol FAQ entry and no pings", cb.Body)
	}

	stop()
	select {
	case err := <-done:
		if err != nil {
			t.Errorf("serve returned %v after shutdown; want nil", err)
		}
	case <-ctx.Done():
		t.Fatal("serve did not stop")
	}
	if strings.Contains(logs.String(), "bot-token") {
		t.Error("the bot token appears in the logs")
	}
}

// TestServeWrongToken: a token Discord refuses stops serve with an error that says
// so, promptly, without the token in it.
func TestServeWrongToken(t *testing.T) {
	fake := discordtest.New(t, "the-right-token")
	e := setup(t)
	e["DISCORD_TOKEN"] = "a-wrong-token"
	e["DISCORD_API_URL"] = fake.APIURL()
	ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
	defer cancel()
	var logs faqtest.SyncBuffer
	err := run(ctx, []string{"serve"}, e.get, strings.NewReader(""), io.Discard, &logs)
	if err == nil || ctx.Err() != nil {
		t.Fatalf("serve with a wrong token: err = %v (ctx %v); want an error before the deadline", err, ctx.Err())
	}
	if !strings.Contains(err.Error(), "refused the bot token") || !strings.Contains(err.Error(), "DISCORD_TOKEN") {
		t.Errorf("error = %v; want it to say Discord refused the token", err)
	}
	if strings.Contains(err.Error()+logs.String(), "a-wrong-token") {
		t.Error("the token appears in the error or the logs")
	}
}
