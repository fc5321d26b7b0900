package discord_test

import (
	"context"
	"os"
	"path/filepath"
	"testing"

	"github.com/bwmarrin/discordgo"

	"github.com/faqbot/faqbot/internal/discord"
	"github.com/faqbot/faqbot/internal/engine"
)

// benchBot is a bot over the real engine and the seed content, without a session.
func benchBot(b *testing.B) *discord.Bot {
	b.Helper()
	dir := b.TempDir()
	if err := os.CopyFS(filepath.Join(dir, "content"), os.DirFS("../../content")); err != nil {
		b.Fatal(err)
	}
	eng, err := engine.Open(context.Background(), engine.Config{ContentDir: filepath.Join(dir, "content"), IndexDir: filepath.Join(dir, "index")}, nil)
	if err != nil {
		b.Fatal(err)
	}
	b.Cleanup(func() { eng.Close() })
	return discord.New(discord.Config{Cooldown: -1}, eng, nil, nil)
}

// BenchmarkRespondAsk measures the /ask response (engine answer and rendering), which
// must come well within Discord's 3 s.
func BenchmarkRespondAsk(b *testing.B) {
	bot := benchBot(b)
	i := &discordgo.Interaction{ID: "1", Type: discordgo.InteractionApplicationCommand, Member: &discordgo.Member{User: &discordgo.User{ID: "u"}},
		Data: discordgo.ApplicationCommandInteractionData{Name: "ask", Options: []*discordgo.ApplicationCommandInteractionDataOption{
			{Name: "question", Type: discordgo.ApplicationCommandOptionString, Value: "Can I drink alcohol during ketamine therapy?"},
		}}}
	for b.Loop() {
		if resp, _ := bot.Respond(context.Background(), i); resp.Type != discordgo.InteractionResponseChannelMessageWithSource {
			b.Fatal(resp.Type)
		}
	}
}

// BenchmarkRespondAutocomplete measures autocomplete of a partly typed question.
func BenchmarkRespondAutocomplete(b *testing.B) {
	bot := benchBot(b)
	i := &discordgo.Interaction{ID: "1", Type: discordgo.InteractionApplicationCommandAutocomplete, Member: &discordgo.Member{User: &discordgo.User{ID: "u"}},
		Data: discordgo.ApplicationCommandInteractionData{Name: "ask", Options: []*discordgo.ApplicationCommandInteractionDataOption{
			{Name: "question", Type: discordgo.ApplicationCommandOptionString, Value: "can i ta", Focused: true},
		}}}
	for b.Loop() {
		if resp, _ := bot.Respond(context.Background(), i); resp.Type != discordgo.InteractionApplicationCommandAutocompleteResult {
			b.Fatal(resp.Type)
		}
	}
}
