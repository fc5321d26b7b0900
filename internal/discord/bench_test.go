package discord_test

import (
	"context"
	"testing"

	"github.com/bwmarrin/discordgo"

	"github.com/faqbot/faqbot/internal/discord"
	"github.com/faqbot/faqbot/internal/faq"
	"github.com/faqbot/faqbot/internal/faqtest/servicetest"
)

// benchBot is a bot over the real service and the seed content, without a session.
func benchBot(b *testing.B) *discord.Bot {
	b.Helper()
	return discord.New(discord.Config{}, servicetest.Seed(b), nil, nil)
}

// BenchmarkRespondAsk measures the /ask response (the service's answer and rendering), which
// must come well within Discord's 3 s.
func BenchmarkRespondAsk(b *testing.B) {
	bot := benchBot(b)
	i := &discordgo.Interaction{ID: "1", Type: discordgo.InteractionApplicationCommand, Member: &discordgo.Member{User: &discordgo.User{ID: "u"}},
		Data: discordgo.ApplicationCommandInteractionData{Name: "ask", Options: []*discordgo.ApplicationCommandInteractionDataOption{
			{Name: "question", Type: discordgo.ApplicationCommandOptionString, Value: "Can I drink alcohol during ketamine therapy?"},
		}}}
	for b.Loop() {
		if resp, _ := bot.Respond(context.Background(), faq.TransportEndpoint, i); resp.Type != discordgo.InteractionResponseChannelMessageWithSource {
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
		if resp, _ := bot.Respond(context.Background(), faq.TransportEndpoint, i); resp.Type != discordgo.InteractionApplicationCommandAutocompleteResult {
			b.Fatal(resp.Type)
		}
	}
}
