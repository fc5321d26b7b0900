package endpoint_test

import (
	"fmt"
	"net/http"
	"os"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"sync"
	"testing"

	"github.com/bwmarrin/discordgo"
)

func TestSignedAskAnswersWithEmbed(t *testing.T) {
	s := newStack(t, stackOptions{})
	code, r, raw := s.post(t, http.DefaultClient, interaction(t, "10", discordgo.InteractionApplicationCommand,
		askData("Can I drink alcohol while on ketamine therapy?"), "0"))
	if code != http.StatusOK || r.Type != discordgo.InteractionResponseChannelMessageWithSource {
		t.Fatalf("/ask = %d type %d; want 200 type 4: %s", code, r.Type, raw)
	}
	if r.Data == nil || len(r.Data.Embeds) == 0 {
		t.Fatalf("/ask response has no embed: %s", raw)
	}
	e := r.Data.Embeds[0]
	if !strings.Contains(e.Title, "Alcohol") || e.Description == "" {
		t.Errorf("embed title %q, description %d chars; want the alcohol FAQ entry", e.Title, len(e.Description))
	}
	if r.Data.AllowedMentions == nil || len(r.Data.AllowedMentions.Parse) != 0 {
		t.Errorf("allowed_mentions = %+v; want parse: []", r.Data.AllowedMentions)
	}
	if !strings.Contains(raw, "healthcare provider") {
		t.Errorf("response carries no disclaimer: %s", raw)
	}

	assertNoSecrets(t, s.logs.String())
}

func TestAutocomplete(t *testing.T) {
	s := newStack(t, stackOptions{})
	for _, prefix := range []string{"", "keta", "alcohol", "zzzz"} {
		t.Run(prefix, func(t *testing.T) {
			data := map[string]any{"id": "cmd1", "name": "ask", "type": 1, "options": []map[string]any{
				{"name": "question", "type": 3, "value": prefix, "focused": true},
			}}
			code, r, raw := s.post(t, http.DefaultClient, interaction(t, "20", discordgo.InteractionApplicationCommandAutocomplete, data, "0"))
			if code != http.StatusOK || r.Type != discordgo.InteractionApplicationCommandAutocompleteResult {
				t.Fatalf("autocomplete = %d type %d; want 200 type 8: %s", code, r.Type, raw)
			}
			if r.Data == nil || len(r.Data.Choices) > 25 {
				t.Fatalf("choices = %s; want at most 25", raw)
			}
			if prefix == "keta" && len(r.Data.Choices) == 0 {
				t.Errorf("no choices for %q", prefix)
			}
			for _, c := range r.Data.Choices {
				v, _ := c.Value.(string)
				if len([]rune(c.Name)) > 100 || len([]rune(v)) > 100 || c.Name == "" {
					t.Errorf("choice %q / %q breaks Discord's limits", c.Name, v)
				}
			}
		})
	}
}

func TestReindexDefersThenEdits(t *testing.T) {
	s := newStack(t, stackOptions{})
	manageServer := strconv.Itoa(discordgo.PermissionManageGuild)
	code, r, raw := s.post(t, http.DefaultClient, interaction(t, "30", discordgo.InteractionApplicationCommand,
		map[string]any{"id": "cmd2", "name": "reindex", "type": 1}, manageServer))
	if code != http.StatusOK || r.Type != discordgo.InteractionResponseDeferredChannelMessageWithSource {
		t.Fatalf("/reindex = %d type %d; want 200 type 5: %s", code, r.Type, raw)
	}
	c := s.waitEdit(t, "tok-30-SECRET")
	if !strings.Contains(string(c.Body), "Indexed 1 document") {
		t.Errorf("edited reply = %s; want the reindex report", c.Body)
	}
	assertNoSecrets(t, s.logs.String())
}

// TestConcurrentAsksDuringReindex keeps signed /ask requests flowing from before a
// /reindex (sent through the endpoint) starts until after its reply is edited: every
// one must be answered, and questions after the swap see the new content.
func TestConcurrentAsksDuringReindex(t *testing.T) {
	s := newStack(t, stackOptions{})
	// New content, so that the reindex really builds and swaps a different index.
	newDoc := `---
title: Sleep and Ketamine Sessions
---

## Frequently Asked Questions

### Can I sleep during a ketamine infusion session?
Some people doze during the session; staff will monitor you either way.
`
	if err := os.WriteFile(filepath.Join(s.content, "sleep.md"), []byte(newDoc), 0o644); err != nil {
		t.Fatal(err)
	}

	const workers = 8
	client := &http.Client{Transport: &http.Transport{MaxIdleConnsPerHost: workers}}
	started := make(chan struct{}, workers)
	reindexed := make(chan struct{})
	var wg sync.WaitGroup
	var mu sync.Mutex
	var failures []string
	counts := make([]int, workers)
	for w := range workers {
		wg.Go(func() {
			for n := 0; ; n++ {
				id := fmt.Sprintf("4%d%06d", w, n)
				code, r, raw, err := s.try(client, interaction(t, id, discordgo.InteractionApplicationCommand,
					askData("Can I drink alcohol while on ketamine therapy?"), "0"))
				if err != nil || code != http.StatusOK || r.Type != discordgo.InteractionResponseChannelMessageWithSource ||
					r.Data == nil || len(r.Data.Embeds) == 0 || !strings.Contains(r.Data.Embeds[0].Title, "Alcohol") {
					mu.Lock()
					failures = append(failures, fmt.Sprintf("%d %v %.200s", code, err, raw))
					mu.Unlock()
				}
				counts[w]++
				if n == 0 {
					started <- struct{}{}
				}
				select {
				case <-reindexed:
					return // this request began after the reply was edited
				default:
				}
			}
		})
	}
	for range workers {
		<-started
	}
	manageServer := strconv.Itoa(discordgo.PermissionManageGuild)
	code, r, raw := s.post(t, client, interaction(t, "31", discordgo.InteractionApplicationCommand,
		map[string]any{"id": "cmd2", "name": "reindex", "type": 1}, manageServer))
	if code != http.StatusOK || r.Type != discordgo.InteractionResponseDeferredChannelMessageWithSource {
		t.Fatalf("/reindex = %d: %s", code, raw)
	}
	edit := s.waitEdit(t, "tok-31-SECRET")
	close(reindexed)
	wg.Wait()

	if !strings.Contains(string(edit.Body), "Indexed 2 documents") {
		t.Fatalf("reindex reply = %s", edit.Body)
	}
	total := 0
	for _, c := range counts {
		total += c
	}
	if len(failures) > 0 {
		t.Fatalf("%d of %d requests during the reindex failed; first: %s", len(failures), total, failures[0])
	}
	t.Logf("%d requests answered around the reindex", total)

	code, r, raw = s.post(t, client, interaction(t, "32", discordgo.InteractionApplicationCommand,
		askData("Can I sleep during a ketamine infusion session?"), "0"))
	if code != http.StatusOK || r.Data == nil || len(r.Data.Embeds) == 0 || !strings.Contains(r.Data.Embeds[0].Title, "sleep during") {
		t.Errorf("after the reindex, the new entry is not the answer: %s", raw)
	}
}

// TestButtons clicks the buttons of an /ask answer, through the endpoint.
func TestButtons(t *testing.T) {
	s := newStack(t, stackOptions{})
	_, _, raw := s.post(t, http.DefaultClient, interaction(t, "50", discordgo.InteractionApplicationCommand,
		askData("Can I drink alcohol while on ketamine therapy?"), "0"))
	ids := regexp.MustCompile(`"custom_id":"((?:share|more):[^"]+)"`).FindAllStringSubmatch(raw, -1)
	if len(ids) != 2 {
		t.Fatalf("answer has %d share/more buttons; want 2: %.300s", len(ids), raw)
	}
	for i, m := range ids {
		id := m[1]
		t.Run(id[:strings.IndexByte(id, ':')], func(t *testing.T) {
			data := map[string]any{"custom_id": id, "component_type": 2}
			code, r, raw := s.post(t, http.DefaultClient, interaction(t, fmt.Sprint(51+i), discordgo.InteractionMessageComponent, data, "0"))
			if code != http.StatusOK || r.Type != discordgo.InteractionResponseChannelMessageWithSource || r.Data == nil {
				t.Fatalf("click = %d type %d: %.300s", code, r.Type, raw)
			}
			ephemeral := r.Data.Flags&discordgo.MessageFlagsEphemeral != 0
			switch {
			case strings.HasPrefix(id, "share:"):
				if ephemeral || len(r.Data.Embeds) == 0 || !strings.Contains(r.Data.Embeds[0].Title, "Alcohol") {
					t.Errorf("share: ephemeral %v, %.300s; want the answer in public", ephemeral, raw)
				}
			case !ephemeral:
				t.Errorf("more results are public; want only the asker to see them")
			}
		})
	}
}
