package serve_test

import (
	"context"
	"log/slog"
	"net/http"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/faqbot/faqbot/internal/discord"
	"github.com/faqbot/faqbot/internal/discord/discordtest"
	"github.com/faqbot/faqbot/internal/faqtest"
	"github.com/faqbot/faqbot/internal/index"
	"github.com/faqbot/faqbot/internal/serve"
)

// TestGatewayRetryKeepsHealthzUp: with Discord refusing at start-up, serve keeps
// /healthz and /metrics up, tries the registration and the gateway again with
// backoff, logging each attempt, and connects once Discord accepts.
func TestGatewayRetryKeepsHealthzUp(t *testing.T) {
	t.Parallel() // a fake Discord of its own; closing a session waits a second
	fake := discordtest.New(t, "bot-token")
	fake.Fail("GET", "/gateway/bot", http.StatusServiceUnavailable, 1000)
	fake.Fail("PUT", "/applications/", http.StatusServiceUnavailable, 1000)
	var out faqtest.SyncBuffer
	cfg := serve.Config{
		Gateway: true,
		Discord: discord.Config{Token: "bot-token", APIURL: fake.APIURL(), GuildID: discordtest.GuildID, RetryBackoff: 5 * time.Millisecond},
	}
	s := startLogging(t, cfg, false, true, slog.New(slog.NewTextHandler(&out, nil)))
	awaitStatus(t, s.ops+serve.PathHealth, http.StatusOK)
	ctx, cancel := context.WithTimeout(t.Context(), 30*time.Second)
	defer cancel()
	for !strings.Contains(out.String(), `to="connect to the gateway" attempt=3`) || !strings.Contains(out.String(), `to="register the commands" attempt=1`) {
		select {
		case <-ctx.Done():
			t.Fatalf("no retries logged:\n%s", out.String())
		case <-time.After(5 * time.Millisecond): // poll the log, within ctx's deadline
		}
	}
	if code, _ := get(t, s.ops+serve.PathHealth); code != http.StatusOK {
		t.Errorf("/healthz while Discord refuses = %d; want 200", code)
	}
	fake.Heal()
	if err := fake.Connected(ctx); err != nil {
		t.Fatalf("the gateway did not connect once Discord accepted: %v", err)
	}
	if _, err := fake.Await(ctx, discordtest.Route("PUT", "/applications/")); err != nil {
		t.Fatalf("the commands were not registered once Discord accepted: %v", err)
	}
	if strings.Contains(out.String(), "discord.com") {
		t.Errorf("the log names discord.com; want the URL dialled:\n%s", out.String())
	}
}

// TestGatewayRefusedTokenIsFatal: a token Discord refuses stops serve, retried or
// not, with the message saying so.
func TestGatewayRefusedTokenIsFatal(t *testing.T) {
	fake := discordtest.New(t, "the-right-token")
	cfg := serve.Config{
		Gateway: true,
		Index:   index.Config{ContentDir: faqtest.Content(t), IndexDir: filepath.Join(t.TempDir(), "index")},
		Discord: discord.Config{Token: "a-wrong-token", APIURL: fake.APIURL(), RegisterCommands: new(false), RetryBackoff: time.Millisecond},
	}
	ctx, cancel := context.WithTimeout(t.Context(), 30*time.Second)
	defer cancel()
	err := serve.Run(ctx, cfg, slog.New(slog.DiscardHandler))
	if err == nil || ctx.Err() != nil || !strings.Contains(err.Error(), "refused the bot token (401 Unauthorized)") {
		t.Errorf("serve.Run with a refused token = %v (ctx %v); want it to stop saying so", err, ctx.Err())
	}
}
