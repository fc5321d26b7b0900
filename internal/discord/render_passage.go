package discord

import (
	"fmt"
	"strings"

	"github.com/bwmarrin/discordgo"

	"github.com/faqbot/faqbot/internal/faq"
)

// renderPassage renders a passage answer: the passage, where it comes from, its
// references, the disclaimer, the review date and, in the footer, the notice of a
// review overdue, with Share / More results and Helpful / Not helpful buttons.
func renderPassage(a faq.Answer, opt renderOptions) reply {
	e := &discordgo.MessageEmbed{Title: faq.Shorten(a.Title, maxEmbedTitle), Color: colorAnswer}
	if src := source(a); src != "" {
		e.Author = &discordgo.MessageEmbedAuthor{Name: faq.Shorten(src, maxAuthorName)}
	}
	if refs := references(a.References); refs != "" {
		e.Fields = append(e.Fields, &discordgo.MessageEmbedField{Name: labelReferences, Value: refs})
	}
	if a.Disclaimer != "" {
		e.Fields = append(e.Fields, &discordgo.MessageEmbedField{
			Name: labelDisclaimer, Value: cutAtSentence(a.Disclaimer, maxFieldValue, "…"),
		})
	}
	if !a.Reviewed.IsZero() {
		e.Fields = append(e.Fields, &discordgo.MessageEmbedField{
			Name: labelReviewed, Value: a.Reviewed.Format(faq.DateLayout), Inline: true,
		})
	}
	// The footer says when the source is overdue for review, then repeats the
	// question (last: "More results" reads it back).
	var footer []string
	if a.ReviewNotice != "" {
		footer = append(footer, "⚠ "+faq.Shorten(a.ReviewNotice, maxAskedFooter))
	}
	if q := strings.TrimSpace(opt.question); q != "" {
		footer = append(footer, askedPrefix+faq.Shorten(q, maxAskedFooter))
	}
	if len(footer) > 0 {
		e.Footer = &discordgo.MessageEmbedFooter{Text: strings.Join(footer, "\n")}
	}
	// The description gets whatever the 6000-character total leaves.
	room := min(maxEmbedDescription, maxEmbedsTotal-embedLen(e))
	e.Description = cutAtSentence(a.Text, room, shortenedNote)

	var buttons []discordgo.MessageComponent
	if opt.ephemeral && fitsID(idShare, a.PassageID) {
		buttons = append(buttons, discordgo.Button{
			Label: labelShare, Style: discordgo.SecondaryButton, CustomID: idShare + ":" + a.PassageID,
		})
	}
	if len(a.Alternatives) > 0 && fitsID(idMore, a.PassageID) {
		buttons = append(buttons, discordgo.Button{
			Label: labelMore, Style: discordgo.SecondaryButton, CustomID: idMore + ":" + a.PassageID,
		})
	}
	buttons = append(buttons, voteButtons(a.PassageID)...)
	r := reply{embeds: []*discordgo.MessageEmbed{e}}
	if len(buttons) > 0 {
		r.components = []discordgo.MessageComponent{discordgo.ActionsRow{Components: buttons}}
	}
	return r
}

// askedQuestion returns the question an answer message repeats in its footer.
func askedQuestion(m *discordgo.Message) (string, bool) {
	if m == nil || len(m.Embeds) == 0 || m.Embeds[0].Footer == nil {
		return "", false
	}
	text := m.Embeds[0].Footer.Text
	if i := strings.Index(text, "\n"+askedPrefix); i >= 0 {
		text = text[i+1:] // after a review notice
	}
	q, ok := strings.CutPrefix(text, askedPrefix)
	return q, ok && strings.TrimSpace(q) != ""
}

func fitsID(prefix, passageID string) bool {
	return passageID != "" && len(prefix)+1+len(passageID) <= maxCustomID
}

// source is "Document › Section" for a passage.
func source(a faq.Answer) string {
	parts := []string{}
	if a.Document != "" {
		parts = append(parts, a.Document)
	}
	if a.Section != "" && a.Section != a.Title && a.Section != a.Document {
		parts = append(parts, a.Section)
	}
	return strings.Join(parts, " › ")
}

// references renders refs as Markdown links, one a line, within a field's 1024
// characters; those that do not fit are counted.
func references(refs []faq.Reference) string {
	var lines []string
	used := 0
	for i, r := range refs {
		link := referenceLink(r)
		if link == "" {
			continue
		}
		line := "- " + link
		need := runeLen(line) + 1
		if i < len(refs)-1 {
			need += len("…and 999 more") + 1 // keep room to say what did not fit
		}
		if used+need > maxFieldValue {
			lines = append(lines, fmt.Sprintf("…and %d more", len(refs)-i))
			break
		}
		lines = append(lines, line)
		used += runeLen(line) + 1
	}
	return strings.Join(lines, "\n")
}

func referenceLink(r faq.Reference) string {
	title := strings.NewReplacer("[", "(", "]", ")").Replace(faq.Shorten(r.Title, 200))
	switch {
	case r.URL == "" && title == "":
		return ""
	case r.URL == "":
		return title
	case title == "":
		return "<" + r.URL + ">"
	}
	return "[" + title + "](" + r.URL + ")"
}
