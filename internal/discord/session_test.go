package discord

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"net"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"

	"github.com/bwmarrin/discordgo"
)

func TestMentionQuestion(t *testing.T) {
	tests := []struct {
		content, want string
		ok            bool
	}{
		{"<@42> can I take ketamine?", "can I take ketamine?", true},
		{"hey <@!42>   what about SSRIs", "hey what about SSRIs", true},
		{"<@43> not me", "", false},
		{"no mention", "", false},
		{"<@42>", "", true},
	}
	for _, tt := range tests {
		got, ok := mentionQuestion(tt.content, "42")
		if ok != tt.ok || (ok && got != tt.want) {
			t.Errorf("mentionQuestion(%q) = %q, %v; want %q, %v", tt.content, got, ok, tt.want, tt.ok)
		}
	}
}

func TestRedact(t *testing.T) {
	in := `Post "https://discord.com/api/v9/interactions/123/aW50ZXJhY3Rpb24/callback": dial tcp; PATCH /api/v9/webhooks/99/tok.en-_x/messages/@original; Data: {"id":"1","token": "rawtok"}`
	got := redact(in)
	for _, secret := range []string{"aW50ZXJhY3Rpb24", "tok.en-_x", "rawtok"} {
		if strings.Contains(got, secret) {
			t.Errorf("redact(%q) = %q; still has %q", in, got, secret)
		}
	}
	if !strings.Contains(got, "/interactions/123/<redacted>/callback") {
		t.Errorf("redact lost the route: %q", got)
	}
}

// TestNewSessionRewritesAPI: REST calls go to DISCORD_API_URL, never discord.com.
func TestNewSessionRewritesAPI(t *testing.T) {
	got := make(chan string, 1)
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		got <- r.Method + " " + r.URL.Path + " " + r.Header.Get("Authorization")
		fmt.Fprint(w, `{"url":"ws://127.0.0.1:1"}`)
	}))
	defer srv.Close()
	s, err := NewSession(Config{Token: "abc", APIURL: srv.URL + "/proxy/api/v9/"}, nil)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := s.Gateway(); err != nil {
		t.Fatal(err)
	}
	if g, want := <-got, "GET /proxy/api/v9/gateway Bot abc"; g != want {
		t.Errorf("request = %q; want %q", g, want)
	}
}

// TestFailedEditLogsTheURLDialled: a reply edit that cannot reach the API is logged
// with the URL it went to (DISCORD_API_URL), not discord.com, and without the token.
func TestFailedEditLogsTheURLDialled(t *testing.T) {
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	api := "http://" + ln.Addr().String() + "/api/v9"
	ln.Close() // nothing listens there now
	cfg := Config{APIURL: api, AppID: "7"}
	sess, err := NewSession(cfg, nil)
	if err != nil {
		t.Fatal(err)
	}
	var buf strings.Builder
	log := slog.New(slog.NewTextHandler(&buf, nil))
	b := New(cfg, nil, sess, log)
	_, later := b.deferred(log, &discordgo.Interaction{ID: "1", Token: "SECRETTOKEN"}, func(context.Context) reply { return text("done") })
	later(t.Context())
	got := buf.String()
	if !strings.Contains(got, "edit deferred reply failed") || !strings.Contains(got, api+"/webhooks/7/<redacted>/messages/@original") ||
		strings.Contains(got, "discord.com") || strings.Contains(got, "SECRETTOKEN") {
		t.Errorf("log = %s; want the failure with the URL dialled, %s, and no token", got, api)
	}
}

func TestNewSessionErrors(t *testing.T) {
	s, err := NewSession(Config{}, nil)
	if err != nil || s.Token != "" {
		t.Fatalf("NewSession without a token (endpoint mode) = %v; want a session without auth", err)
	}
	if err := New(Config{}, nil, s, nil).ServeGateway(t.Context(), s); !errors.Is(err, ErrNoToken) {
		t.Errorf("ServeGateway without a token: err = %v; want ErrNoToken", err)
	}
	if _, err := NewSession(Config{Token: "x", APIURL: "discord.com"}, nil); err == nil || !strings.Contains(err.Error(), "DISCORD_API_URL") {
		t.Errorf("bad API URL: err = %v; want one naming DISCORD_API_URL", err)
	}
}

func TestCommands(t *testing.T) {
	cmds := Commands(1000)
	byName := map[string]*discordgo.ApplicationCommand{}
	for _, c := range cmds {
		byName[c.Name] = c
	}
	ask, re := byName[cmdAsk], byName[cmdReindex]
	if ask == nil || re == nil {
		t.Fatalf("commands = %v; want ask and reindex", cmds)
	}
	if o := ask.Options[0]; !o.Autocomplete || !o.Required || o.MaxLength != 1000 {
		t.Errorf("ask option = %+v", o)
	}
	if re.DefaultMemberPermissions == nil || *re.DefaultMemberPermissions != discordgo.PermissionManageGuild {
		t.Errorf("reindex default_member_permissions = %v; want Manage Server", re.DefaultMemberPermissions)
	}
	if re.Contexts == nil || len(*re.Contexts) != 1 || (*re.Contexts)[0] != discordgo.InteractionContextGuild {
		t.Errorf("reindex contexts = %v; want servers only", re.Contexts)
	}
	if len(re.Options) != 2 || re.Options[0].Name != optForce || re.Options[1].Name != optRollback ||
		re.Options[0].Type != discordgo.ApplicationCommandOptionBoolean || re.Options[0].Required || runeLen(re.Options[0].Description) > 100 {
		t.Errorf("reindex options = %+v; want optional force and rollback switches", re.Options)
	}
}

func TestLibraryLogger(t *testing.T) {
	var buf strings.Builder
	log := slog.New(slog.NewTextHandler(&buf, &slog.HandlerOptions{Level: slog.LevelDebug}))
	libraryLogger(log)(discordgo.LogWarning, 2, "error on %s", "https://discord.com/api/v9/webhooks/1/SECRETTOKEN/messages/@original")
	got := buf.String()
	if !strings.Contains(got, "level=WARN") || !strings.Contains(got, "discordgo: error on") || strings.Contains(got, "SECRETTOKEN") {
		t.Errorf("library log line = %q; want a redacted warning", got)
	}
}
