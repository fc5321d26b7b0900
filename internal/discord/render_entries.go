package discord

import (
	"fmt"
	"strings"

	"github.com/bwmarrin/discordgo"

	"github.com/faqbot/faqbot/internal/faq"
)

// renderSuggestions shows the service's "not sure" text and the closest entries,
// numbered, each with its document, and a menu opening any of them; never a passage.
func renderSuggestions(a faq.Answer) reply {
	var b strings.Builder
	b.WriteString(a.Text)
	for i, alt := range a.Alternatives {
		fmt.Fprintf(&b, "\n%d. %s", i+1, topicLine(alt))
	}
	b.WriteString("\n\n" + hintSuggestions)
	return entriesReply(titleSuggestions, b.String(), a, menuSuggestions)
}

// entriesReply is a reply listing entries instead of a passage: an embed with title
// and description, the answer's disclaimer, and a menu (placeholder) opening any of
// the answer's alternatives.
func entriesReply(title, description string, a faq.Answer, placeholder string) reply {
	e := &discordgo.MessageEmbed{
		Title:       title,
		Description: cutAtSentence(description, maxEmbedDescription, "…"),
		Color:       colorNoAnswer,
	}
	if a.Disclaimer != "" {
		e.Fields = append(e.Fields, &discordgo.MessageEmbedField{
			Name: labelDisclaimer, Value: cutAtSentence(a.Disclaimer, maxFieldValue, "…"),
		})
	}
	r := reply{embeds: []*discordgo.MessageEmbed{e}}
	if menu := topicMenu(a.Alternatives, placeholder); menu != nil {
		r.components = []discordgo.MessageComponent{discordgo.ActionsRow{Components: []discordgo.MessageComponent{menu}}}
	}
	return r
}
