package endpoint_test

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"testing"
	"time"

	"github.com/bwmarrin/discordgo"

	"github.com/faqbot/faqbot/internal/answer"
	"github.com/faqbot/faqbot/internal/discord"
	"github.com/faqbot/faqbot/internal/discord/discordtest"
	"github.com/faqbot/faqbot/internal/discord/endpoint"
	"github.com/faqbot/faqbot/internal/faqtest"
	"github.com/faqbot/faqbot/internal/faqtest/servicetest"
)

// stack is the whole HTTP transport over the real service: endpoint -> discord.Bot ->
// answering service -> index (bleve in a temp dir), with REST calls going to a fake.
type stack struct {
	signer
	url     string
	bot     *discord.Bot
	h       *endpoint.Handler
	discord *discordtest.Server
	content string
	logs    *faqtest.SyncBuffer
}

type stackOptions struct {
	cooldown time.Duration // answer.Config.Cooldown
	logs     io.Writer     // default: a buffer kept in stack.logs
}

func newStack(t testing.TB, opt stackOptions) *stack {
	t.Helper()
	s := &stack{signer: newSigner(t), content: faqtest.Content(t), logs: &faqtest.SyncBuffer{}}
	var out io.Writer = s.logs
	if opt.logs != nil {
		out = opt.logs
	}
	log := slog.New(slog.NewJSONHandler(out, &slog.HandlerOptions{Level: slog.LevelInfo}))
	svc, _ := servicetest.Open(t, s.content, answer.Config{Cooldown: opt.cooldown}, nil)
	s.discord = discordtest.New(t, "bot-token-SECRET")
	dcfg := discord.Config{Token: "bot-token-SECRET", AppID: discordtest.AppID, APIURL: s.discord.APIURL()}
	sess, err := discord.NewSession(dcfg, log)
	if err != nil {
		t.Fatal(err)
	}
	s.bot = discord.New(dcfg, svc, sess, log)
	s.h, err = endpoint.New(endpoint.Config{PublicKey: s.publicHex()}, s.bot, log)
	if err != nil {
		t.Fatal(err)
	}
	srv := httptest.NewServer(s.h)
	t.Cleanup(func() {
		srv.Close()
		s.h.Wait()
		s.bot.Wait()
	})
	s.url = srv.URL
	return s
}

// interaction is the JSON of an interaction from user "u<id>" with the given member
// permissions.
func interaction(t testing.TB, id string, typ discordgo.InteractionType, data any, perms string) []byte {
	t.Helper()
	b, err := json.Marshal(map[string]any{
		"id": id, "application_id": discordtest.AppID, "type": typ, "token": "tok-" + id + "-SECRET",
		"version": 1, "guild_id": "g1", "channel_id": "c1", "data": data,
		"member": map[string]any{"user": map[string]any{"id": "u" + id, "username": "asker"}, "permissions": perms},
	})
	if err != nil {
		t.Fatal(err)
	}
	return b
}

func askData(question string) map[string]any {
	return map[string]any{"id": "cmd1", "name": "ask", "type": 1, "options": []map[string]any{
		{"name": "question", "type": 3, "value": question},
	}}
}

// response is an interaction response as the tests read it (discordgo's own type cannot
// decode message components).
type response struct {
	Type discordgo.InteractionResponseType `json:"type"`
	Data *struct {
		Content         string                                      `json:"content"`
		Embeds          []*discordgo.MessageEmbed                   `json:"embeds"`
		Choices         []*discordgo.ApplicationCommandOptionChoice `json:"choices"`
		AllowedMentions *discordgo.MessageAllowedMentions           `json:"allowed_mentions"`
		Flags           discordgo.MessageFlags                      `json:"flags"`
	} `json:"data"`
}

// post signs body now and posts it; it returns the status and the decoded response.
func (s *stack) post(t testing.TB, client *http.Client, body []byte) (int, response, string) {
	t.Helper()
	code, r, raw, err := s.try(client, body)
	if err != nil {
		t.Fatal(err)
	}
	return code, r, raw
}

// try is post for goroutines other than the test's: it returns errors.
func (s *stack) try(client *http.Client, body []byte) (int, response, string, error) {
	var r response
	sig, stamp := s.sign(time.Now(), body)
	req, err := http.NewRequest(http.MethodPost, s.url+endpoint.DefaultPath, bytes.NewReader(body))
	if err != nil {
		return 0, r, "", err
	}
	req.Header.Set(endpoint.HeaderSignature, sig)
	req.Header.Set(endpoint.HeaderTimestamp, stamp)
	resp, err := client.Do(req)
	if err != nil {
		return 0, r, "", err
	}
	defer resp.Body.Close()
	raw, err := io.ReadAll(resp.Body)
	if err != nil {
		return 0, r, "", err
	}
	if resp.StatusCode == http.StatusOK {
		if err := json.Unmarshal(raw, &r); err != nil {
			return 0, r, "", fmt.Errorf("decode response %.300s: %w", raw, err)
		}
	}
	return resp.StatusCode, r, string(raw), nil
}

// waitEdit waits for the PATCH that edits the original reply of the interaction with
// token tok, on the fake Discord's REST API.
func (s *stack) waitEdit(t *testing.T, tok string) discordtest.Request {
	t.Helper()
	ctx, cancel := context.WithTimeout(t.Context(), 30*time.Second)
	defer cancel()
	req, err := s.discord.Await(ctx, discordtest.Edit(tok))
	if err != nil {
		t.Fatal(err)
	}
	return req
}
