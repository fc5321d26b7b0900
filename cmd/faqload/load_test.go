package main

import (
	"context"
	"crypto/ed25519"
	"crypto/rand"
	"encoding/hex"
	"log/slog"
	"net/http/httptest"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	"github.com/bwmarrin/discordgo"

	"github.com/faqbot/faqbot/internal/discord/endpoint"
)

// echoBot answers every /ask inline, counting distinct users.
type echoBot struct{ n atomic.Int64 }

func (b *echoBot) Respond(ctx context.Context, transport string, i *discordgo.Interaction) (*discordgo.InteractionResponse, func(context.Context)) {
	b.n.Add(1)
	q := i.ApplicationCommandData().Options[0].StringValue()
	return &discordgo.InteractionResponse{
		Type: discordgo.InteractionResponseChannelMessageWithSource,
		Data: &discordgo.InteractionResponseData{Content: q},
	}, nil
}

func TestRunAgainstEndpoint(t *testing.T) {
	pub, priv, err := ed25519.GenerateKey(rand.Reader)
	if err != nil {
		t.Fatal(err)
	}
	bot := &echoBot{}
	h, err := endpoint.New(endpoint.Config{PublicKey: hex.EncodeToString(pub)}, bot, slog.New(slog.DiscardHandler))
	if err != nil {
		t.Fatal(err)
	}
	srv := httptest.NewServer(h)
	defer srv.Close()

	pool, err := presign(priv, 50, "app", []string{"one", "two"})
	if err != nil {
		t.Fatal(err)
	}
	res := run(context.Background(), loadConfig{
		URL: srv.URL + endpoint.DefaultPath, Duration: time.Minute, Requests: 200,
		Concurrency: 4, Priv: priv, Pool: pool,
	})
	if res.Requests != 200 || res.Errors != 0 || bot.n.Load() != 200 {
		t.Fatalf("run = %v; bot saw %d; want 200 requests, no errors", res, bot.n.Load())
	}
	if !strings.Contains(res.String(), "req/s") || res.percentile(0.99) < res.percentile(0.5) {
		t.Errorf("report %q", res)
	}

	// A key the endpoint does not know: every request is an error.
	_, other, _ := ed25519.GenerateKey(rand.Reader)
	bad, _ := presign(other, 5, "app", []string{"x"})
	res = run(context.Background(), loadConfig{
		URL: srv.URL + endpoint.DefaultPath, Duration: time.Minute, Requests: 10,
		Concurrency: 2, Priv: other, Pool: bad,
	})
	if res.Errors != 10 || res.FirstErr == nil || !strings.Contains(res.FirstErr.Error(), "401") {
		t.Errorf("wrong key: %v; want 10 errors with status 401", res)
	}
}

func TestReadQuestions(t *testing.T) {
	qs, err := readQuestions(strings.NewReader("# comment\n\nfirst?\n  second  \n"))
	if err != nil || len(qs) != 2 || qs[0] != "first?" || qs[1] != "second" {
		t.Errorf("readQuestions = %q, %v", qs, err)
	}
	if _, err := readQuestions(strings.NewReader("# only\n")); err == nil {
		t.Error("readQuestions of no questions: no error")
	}
}

func TestPrivateKey(t *testing.T) {
	seed := strings.Repeat("ab", 32)
	k1, err := privateKey(seed)
	if err != nil {
		t.Fatal(err)
	}
	k2, _ := privateKey(seed)
	if !k1.Equal(k2) {
		t.Error("the same seed gave different keys")
	}
	for _, bad := range []string{"zz", strings.Repeat("ab", 31)} {
		if _, err := privateKey(bad); err == nil {
			t.Errorf("privateKey(%q): no error", bad)
		}
	}
}

func TestPrintKey(t *testing.T) {
	var out, errs strings.Builder
	seed := strings.Repeat("01", 32)
	if err := runMain(context.Background(), []string{"-seed", seed, "-print-key"}, &out, &errs); err != nil {
		t.Fatal(err)
	}
	priv, _ := privateKey(seed)
	want := hex.EncodeToString(priv.Public().(ed25519.PublicKey)) + "\n"
	if out.String() != want {
		t.Errorf("-print-key printed %q; want %q", out.String(), want)
	}
	if err := runMain(context.Background(), []string{"-concurrency", "0"}, &out, &errs); err == nil {
		t.Error("-concurrency 0: no error")
	}
}

// TestInProcess runs faqload as the README shows, briefly: the real engine over the
// shipped content, behind the real endpoint, over loopback HTTP.
func TestInProcess(t *testing.T) {
	var out, errs strings.Builder
	args := []string{"-content", "../../content", "-requests", "60", "-concurrency", "3", "-pool", "100"}
	if err := runMain(context.Background(), args, &out, &errs); err != nil {
		t.Fatalf("faqload %s: %v\n%s", strings.Join(args, " "), err, errs.String())
	}
	for _, want := range []string{"requests 60 ", "errors 0", "answers by kind: answer "} {
		if !strings.Contains(out.String(), want) {
			t.Errorf("output:\n%s\nwant %q", out.String(), want)
		}
	}
}
