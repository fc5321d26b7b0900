package discord

import (
	"bytes"
	"encoding/json"
	"flag"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/bwmarrin/discordgo"

	"github.com/faqbot/faqbot/internal/faq"
)

var update = flag.Bool("update", false, "rewrite golden files in testdata/")

func TestCutAtSentence(t *testing.T) {
	long := strings.Repeat("This sentence is exactly fine. ", 200) // 6200 chars
	tests := []struct {
		name, text string
		limit      int
		wantEnd    string // the cut text (before the note) ends with this
		unchanged  bool
	}{
		{name: "fits", text: "Short. Text.", limit: 100, unchanged: true},
		{name: "sentences", text: long, limit: 4096, wantEnd: "fine."},
		{name: "exclamation", text: strings.Repeat("Wow that works! ", 300), limit: 1000, wantEnd: "works!"},
		{name: "list items", text: strings.Repeat("- an item without a full stop\n", 200), limit: 500, wantEnd: "full stop"},
		{name: "no sentence end", text: strings.Repeat("word ", 1000), limit: 300, wantEnd: "word"},
		{name: "hard wrapped", text: strings.Repeat("A sentence that is\nwrapped over lines. ", 100), limit: 400, wantEnd: "lines."},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := cutAtSentence(tt.text, tt.limit, shortenedNote)
			if tt.unchanged {
				if got != tt.text {
					t.Fatalf("cutAtSentence(%q) = %q; want it unchanged", tt.text, got)
				}
				return
			}
			if n := runeLen(got); n > tt.limit {
				t.Errorf("len = %d; want ≤ %d", n, tt.limit)
			}
			body, ok := strings.CutSuffix(got, "\n\n"+shortenedNote)
			if !ok {
				t.Fatalf("cut text does not end with the note: %q", got[max(0, len(got)-80):])
			}
			if !strings.HasSuffix(body, tt.wantEnd) {
				t.Errorf("cut text ends %q; want it to end with %q", body[max(0, len(body)-40):], tt.wantEnd)
			}
		})
	}
}

func TestCutClosesCodeFence(t *testing.T) {
	text := "Intro.\n```\n" + strings.Repeat("code line.\n", 300) + "```\n"
	got := cutAtSentence(text, 500, shortenedNote)
	if strings.Count(got, "```")%2 != 0 {
		t.Errorf("cut text leaves a code fence open: %q", got)
	}
	if runeLen(got) > 500 {
		t.Errorf("len = %d; want ≤ 500", runeLen(got))
	}
}

// TestRenderPassageLimits: a huge passage with many references stays within every
// Discord limit and says it was shortened.
func TestRenderPassageLimits(t *testing.T) {
	a := sampleAnswer()
	a.Title = strings.Repeat("Very long title ", 40)
	a.Text = strings.Repeat("Ketamine is an anaesthetic used for depression. ", 300)
	a.References = nil
	for range 60 {
		a.References = append(a.References, faq.Reference{Title: "A reference with a longish title", URL: "https://example.org/some/long/path/to/a/page"})
	}
	a.Disclaimer = strings.Repeat("Not medical advice. ", 100)
	r := renderPassage(a, renderOptions{ephemeral: true})
	e := r.embeds[0]
	if n := runeLen(e.Title); n > maxEmbedTitle {
		t.Errorf("title length %d > %d", n, maxEmbedTitle)
	}
	if n := runeLen(e.Description); n > maxEmbedDescription {
		t.Errorf("description length %d > %d", n, maxEmbedDescription)
	}
	if !strings.HasSuffix(e.Description, shortenedNote) {
		t.Errorf("description does not say it was shortened")
	}
	for _, f := range e.Fields {
		if n := runeLen(f.Value); n > maxFieldValue {
			t.Errorf("field %s length %d > %d", f.Name, n, maxFieldValue)
		}
	}
	if refs := field(e, "References"); !strings.Contains(refs, "more") {
		t.Errorf("References field does not say some were left out: %q", refs)
	}
	if n := embedLen(e); n > maxEmbedsTotal {
		t.Errorf("embed total %d > %d", n, maxEmbedsTotal)
	}
}

func field(e *discordgo.MessageEmbed, name string) string {
	for _, f := range e.Fields {
		if f.Name == name {
			return f.Value
		}
	}
	return ""
}

func TestRenderPassage(t *testing.T) {
	a := sampleAnswer()
	r := renderPassage(a, renderOptions{ephemeral: true})
	e := r.embeds[0]
	if e.Title != a.Title || e.Description != a.Text {
		t.Errorf("embed title/description = %q / %q; want the passage", e.Title, e.Description)
	}
	if e.Author == nil || e.Author.Name != "Ketamine and Antidepressants › Frequently Asked Questions" {
		t.Errorf("author = %+v; want document › section", e.Author)
	}
	wantRefs := "- [NIMH: Depression](https://www.nimh.nih.gov/health/topics/depression)\n- [Healthline (review)](https://www.healthline.com/x)"
	if got := field(e, "References"); got != wantRefs {
		t.Errorf("References = %q; want %q", got, wantRefs)
	}
	if got := field(e, "Disclaimer"); got != a.Disclaimer {
		t.Errorf("Disclaimer = %q; want %q", got, a.Disclaimer)
	}
	if got := field(e, "Reviewed"); got != "25 November 2026" {
		t.Errorf("Reviewed = %q", got)
	}
	ids := customIDs(r.components)
	if want := []string{"share:" + a.PassageID, "more:" + a.PassageID, "up:" + a.PassageID, "down:" + a.PassageID}; strings.Join(ids, ",") != strings.Join(want, ",") {
		t.Errorf("buttons = %v; want %v", ids, want)
	}
	// In public, there is nothing to share.
	pub := renderPassage(a, renderOptions{})
	if ids := customIDs(pub.components); len(ids) != 3 || !strings.HasPrefix(ids[0], "more:") {
		t.Errorf("public buttons = %v; want More results, Helpful, Not helpful", ids)
	}
	// A passage id too long for a custom id gets no buttons rather than a broken one.
	a.PassageID = strings.Repeat("x", 120)
	if ids := customIDs(renderPassage(a, renderOptions{ephemeral: true}).components); len(ids) != 0 {
		t.Errorf("buttons for a long passage id = %v; want none", ids)
	}
}

func customIDs(rows []discordgo.MessageComponent) []string {
	var ids []string
	for _, row := range rows {
		for _, c := range row.(discordgo.ActionsRow).Components {
			switch c := c.(type) {
			case discordgo.Button:
				ids = append(ids, c.CustomID)
			case *discordgo.SelectMenu:
				ids = append(ids, c.CustomID)
			}
		}
	}
	return ids
}

// TestRenderCrisis: the resources and nothing else.
func TestRenderCrisis(t *testing.T) {
	a := faq.Answer{Kind: faq.KindCrisis, Text: "Call 988.", Title: "t", References: sampleAnswer().References,
		Alternatives: sampleAnswer().Alternatives, PassageID: "p", Disclaimer: "d"}
	r := renderAnswer(a, renderOptions{ephemeral: true})
	if len(r.embeds) != 1 || r.content != "" || len(r.components) != 0 {
		t.Fatalf("crisis reply = %+v; want one embed and nothing else", r)
	}
	e := r.embeds[0]
	if e.Description != "Call 988." || e.Title != "" || len(e.Fields) != 0 || e.Author != nil || e.Footer != nil {
		t.Errorf("crisis embed = %+v; want only the resources", e)
	}
}

// TestRenderNoAnswer: says it is not covered, lists the nearest topics, never a passage.
func TestRenderNoAnswer(t *testing.T) {
	a := faq.Answer{Kind: faq.KindNoAnswer, Text: "This isn't covered here.", Disclaimer: "Not medical advice.",
		Alternatives: []faq.Alternative{{Title: "How Antidepressants Work", PassageID: worksID, Document: "Ketamine and Antidepressants"}}}
	r := renderAnswer(a, renderOptions{ephemeral: true})
	js := mustJSON(t, r.response(true))
	for _, want := range []string{"This isn't covered here.", "How Antidepressants Work", "Not medical advice."} {
		if !strings.Contains(js, want) {
			t.Errorf("no_answer reply lacks %q: %s", want, js)
		}
	}
	if ids := customIDs(r.components); len(ids) != 1 || ids[0] != idShow {
		t.Errorf("components = %v; want the topic menu", ids)
	}
}

// TestRenderSuggestions: says it is not sure, lists the closest entries with their
// documents and a menu opening each, never a passage's text.
func TestRenderSuggestions(t *testing.T) {
	a := faq.Answer{Kind: faq.KindSuggestions, Text: "I'm not sure this is covered; these entries are the closest:",
		Disclaimer: "Not medical advice.", Alternatives: []faq.Alternative{
			{Title: "How Antidepressants Work", PassageID: worksID, Document: "Ketamine and Antidepressants"},
			{Title: "Potential Risks", PassageID: risksID, Document: "Ketamine and Antidepressants"},
		}}
	r := renderAnswer(a, renderOptions{ephemeral: true})
	js := mustJSON(t, r.response(true))
	for _, want := range []string{"not sure", "1. How Antidepressants Work (Ketamine and Antidepressants)", "2. Potential Risks", "Not medical advice."} {
		if !strings.Contains(js, want) {
			t.Errorf("suggestions reply lacks %q: %s", want, js)
		}
	}
	if ids := customIDs(r.components); len(ids) != 1 || ids[0] != idShow {
		t.Fatalf("components = %v; want the menu opening an entry", ids)
	}
	menu := r.components[0].(discordgo.ActionsRow).Components[0].(*discordgo.SelectMenu)
	if len(menu.Options) != 2 || menu.Options[0].Value != worksID || menu.Options[1].Value != risksID {
		t.Errorf("menu options = %+v; want the two entries in order", menu.Options)
	}
}

// TestRenderEmergency: the advice and nothing else, like the crisis resources.
func TestRenderEmergency(t *testing.T) {
	a := faq.Answer{Kind: faq.KindEmergency, Text: "Call Poison Control.", Disclaimer: "d"}
	r := renderAnswer(a, renderOptions{ephemeral: true})
	if len(r.embeds) != 1 || len(r.components) != 0 || r.embeds[0].Description != "Call Poison Control." || len(r.embeds[0].Fields) != 0 {
		t.Errorf("emergency reply = %+v; want the advice alone", r)
	}
}

func TestReferencesLinks(t *testing.T) {
	got := references([]faq.Reference{{Title: "Only title"}, {URL: "https://x.org"}, {}})
	if want := "- Only title\n- <https://x.org>"; got != want {
		t.Errorf("references = %q; want %q", got, want)
	}
}

func mustJSON(t *testing.T, v any) string {
	t.Helper()
	var b bytes.Buffer
	enc := json.NewEncoder(&b)
	enc.SetEscapeHTML(false)
	if err := enc.Encode(v); err != nil {
		t.Fatal(err)
	}
	return strings.TrimSpace(b.String())
}

// TestAskGolden pins the whole /ask response as Discord receives it.
func TestAskGolden(t *testing.T) {
	b := newTestBot(Config{}, newFakeLibrary(), 0)
	resp, _ := b.Respond(t.Context(), faq.TransportGateway, askInteraction("i1", "u1", "can i take ketamine with an ssri", 0))
	var got bytes.Buffer
	enc := json.NewEncoder(&got)
	enc.SetIndent("", "  ")
	enc.SetEscapeHTML(false)
	if err := enc.Encode(resp); err != nil {
		t.Fatal(err)
	}
	golden := filepath.Join("testdata", "ask_answer.golden.json")
	if *update {
		if err := os.WriteFile(golden, got.Bytes(), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	want, err := os.ReadFile(golden)
	if err != nil {
		t.Fatalf("%v (run go test -update to create it)", err)
	}
	if !bytes.Equal(got.Bytes(), want) {
		t.Errorf("/ask response differs from %s (go test -update to accept):\n%s", golden, got.String())
	}
}
