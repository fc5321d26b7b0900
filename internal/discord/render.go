package discord

import (
	"fmt"
	"strings"

	"github.com/bwmarrin/discordgo"

	"github.com/faqbot/faqbot/internal/faq"
)

// Embed colours by answer kind.
const (
	colorAnswer   = 0x2b7bb9
	colorNoAnswer = 0x8a8f98
	colorCrisis   = 0xc0392b
)

// Custom ids of the bot's message components. Each carries what it needs, so a click
// works on any replica and after a restart.
const (
	idShare = "share" // "share:<passage id>": post the answer in the channel
	idMore  = "more"  // "more:<passage id>": show the runners-up
	idShow  = "show"  // select menu; the value is a passage id: show that passage
)

// noMentions is the allowed_mentions of every message the bot sends: nobody is pinged,
// not even the user replied to.
func noMentions() *discordgo.MessageAllowedMentions {
	return &discordgo.MessageAllowedMentions{Parse: []discordgo.AllowedMentionType{}}
}

// reply is a rendered message, before it is wrapped for its transport.
type reply struct {
	content    string
	embeds     []*discordgo.MessageEmbed
	components []discordgo.MessageComponent
}

// renderOptions say where a rendered answer will appear.
type renderOptions struct {
	ephemeral bool   // only the asker sees it: offer to share it
	question  string // the question asked, shown in the footer for "More results"
}

// maxAskedFooter bounds the question repeated in the footer.
const maxAskedFooter = 300

// renderAnswer renders an answer of any kind.
func renderAnswer(a faq.Answer, opt renderOptions) reply {
	switch a.Kind {
	case faq.KindCrisis, faq.KindEmergency:
		return renderCrisis(a)
	case faq.KindAnswer:
		return renderPassage(a, opt)
	case faq.KindSuggestions:
		return renderSuggestions(a)
	default:
		return renderNoAnswer(a)
	}
}

// renderCrisis shows the crisis resources, or the emergency advice, and nothing else:
// no passage, no topics, no buttons.
func renderCrisis(a faq.Answer) reply {
	return reply{embeds: []*discordgo.MessageEmbed{{
		Description: cutAtSentence(a.Text, maxEmbedDescription, shortenedNote),
		Color:       colorCrisis,
	}}}
}

// renderNoAnswer shows the service's "not covered" text and lists the nearest topics,
// never a passage.
func renderNoAnswer(a faq.Answer) reply {
	var b strings.Builder
	b.WriteString(a.Text)
	if len(a.Alternatives) > 0 {
		b.WriteString("\n\n**Nearest topics:**")
		for _, alt := range a.Alternatives {
			b.WriteString("\n- " + topicLine(alt))
		}
		b.WriteString("\n\nPick one below, or ask again in other words.")
	}
	return entriesReply(titleNoAnswer, b.String(), a, menuNearby)
}

func topicLine(alt faq.Alternative) string {
	if alt.Document != "" && alt.Document != alt.Title {
		return fmt.Sprintf("%s (%s)", alt.Title, alt.Document)
	}
	return alt.Title
}

// topicMenu is a select menu opening one of alts; nil when none can be offered.
func topicMenu(alts []faq.Alternative, placeholder string) *discordgo.SelectMenu {
	var opts []discordgo.SelectMenuOption
	seen := map[string]bool{}
	for _, alt := range alts {
		if alt.PassageID == "" || runeLen(alt.PassageID) > maxChoiceLength || seen[alt.PassageID] {
			continue
		}
		seen[alt.PassageID] = true
		o := discordgo.SelectMenuOption{Label: faq.Shorten(alt.Title, maxChoiceLength), Value: alt.PassageID}
		if alt.Document != "" {
			o.Description = faq.Shorten(alt.Document, maxChoiceLength)
		}
		opts = append(opts, o)
		if len(opts) == maxSelectOptions {
			break
		}
	}
	if len(opts) == 0 {
		return nil
	}
	return &discordgo.SelectMenu{CustomID: idShow, Placeholder: placeholder, Options: opts}
}

// embedLen is what an embed counts against Discord's 6000-character total.
func embedLen(e *discordgo.MessageEmbed) int {
	n := runeLen(e.Title) + runeLen(e.Description)
	if e.Author != nil {
		n += runeLen(e.Author.Name)
	}
	if e.Footer != nil {
		n += runeLen(e.Footer.Text)
	}
	for _, f := range e.Fields {
		n += runeLen(f.Name) + runeLen(f.Value)
	}
	return n
}

// renderMore lists the runners-up of an answer, with a menu to open one.
func renderMore(alts []faq.Alternative, exclude string) reply {
	var kept []faq.Alternative
	for _, alt := range alts {
		if alt.PassageID != exclude || alt.PassageID == "" {
			kept = append(kept, alt)
		}
	}
	if len(kept) == 0 {
		return reply{content: msgNoRelated}
	}
	var b strings.Builder
	for i, alt := range kept {
		fmt.Fprintf(&b, "%d. %s\n", i+1, topicLine(alt))
	}
	r := reply{embeds: []*discordgo.MessageEmbed{{
		Title:       titleMore,
		Description: cutAtSentence(strings.TrimSpace(b.String()), maxEmbedDescription, "…"),
		Color:       colorNoAnswer,
	}}}
	if menu := topicMenu(kept, menuMore); menu != nil {
		r.components = []discordgo.MessageComponent{discordgo.ActionsRow{Components: []discordgo.MessageComponent{menu}}}
	}
	return r
}

// text is a plain message reply.
func text(s string) reply { return reply{content: faq.Shorten(s, maxContent)} }

// response wraps a reply as an interaction response of type 4.
func (r reply) response(ephemeral bool) *discordgo.InteractionResponse {
	data := &discordgo.InteractionResponseData{
		Content:         r.content,
		Embeds:          r.embeds,
		Components:      r.components,
		AllowedMentions: noMentions(),
	}
	if ephemeral {
		data.Flags = discordgo.MessageFlagsEphemeral
	}
	return &discordgo.InteractionResponse{Type: discordgo.InteractionResponseChannelMessageWithSource, Data: data}
}

// edit wraps a reply as an edit of a deferred response.
func (r reply) edit() *discordgo.WebhookEdit {
	content := r.content
	embeds := r.embeds
	if embeds == nil {
		embeds = []*discordgo.MessageEmbed{}
	}
	components := r.components
	if components == nil {
		components = []discordgo.MessageComponent{}
	}
	return &discordgo.WebhookEdit{Content: &content, Embeds: &embeds, Components: &components, AllowedMentions: noMentions()}
}

// message wraps a reply as a channel message answering (and quoting) m.
func (r reply) message(m *discordgo.Message) *discordgo.MessageSend {
	failIfMissing := false
	return &discordgo.MessageSend{
		Content:    r.content,
		Embeds:     r.embeds,
		Components: r.components,
		// Reply without pinging the asker.
		AllowedMentions: noMentions(),
		Reference: &discordgo.MessageReference{
			MessageID: m.ID, ChannelID: m.ChannelID, GuildID: m.GuildID, FailIfNotExists: &failIfMissing,
		},
	}
}
