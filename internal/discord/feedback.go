package discord

import (
	"context"
	"log/slog"

	"github.com/bwmarrin/discordgo"

	"github.com/faqbot/faqbot/internal/faq"
)

// Custom ids of the rating components; each carries the passage rated, so a click
// works on any replica and after a restart. The answer rated is the message clicked.
const (
	idHelpful   = "up"   // "up:<passage id>": Helpful
	idUnhelpful = "down" // "down:<passage id>": Not helpful, then the modal
	idWhy       = "why"  // "why:<passage id>": the modal asking what was missing
	inputWhy    = "what" // the modal's text input
)

// voteButtons are the Helpful / Not helpful buttons of an answer giving passageID;
// none when the passage id is too long for a custom id.
func voteButtons(passageID string) []discordgo.MessageComponent {
	if !fitsID(idUnhelpful, passageID) {
		return nil
	}
	return []discordgo.MessageComponent{
		discordgo.Button{Label: labelHelpful, Style: discordgo.SecondaryButton, CustomID: idHelpful + ":" + passageID},
		discordgo.Button{Label: labelUnhelpful, Style: discordgo.SecondaryButton, CustomID: idUnhelpful + ":" + passageID},
	}
}

// feedback is the request rating the answer in message m, as clicked by from.
func feedback(from faq.Origin, m *discordgo.Message, passageID string, helpful bool) faq.FeedbackRequest {
	r := faq.FeedbackRequest{Origin: from, PassageID: passageID, Helpful: helpful}
	if m != nil {
		r.Answer = m.ID
		r.Question, _ = askedQuestion(m)
	}
	return r
}

// vote records a click on Helpful or Not helpful: a private thank-you, or for Not
// helpful the modal asking what the reader was looking for (the vote counts whether
// or not they fill it in).
func (b *Bot) vote(ctx context.Context, log *slog.Logger, from faq.Origin, i *discordgo.Interaction, passageID string, helpful bool) *discordgo.InteractionResponse {
	a, err := b.svc.Feedback(ctx, feedback(from, i.Message, passageID, helpful))
	if err != nil {
		b.logError(log, "feedback failed", err)
		return text(faq.ErrorMessage(err)).response(true)
	}
	if helpful || !fitsID(idWhy, passageID) {
		return text(a.Text).response(true)
	}
	return &discordgo.InteractionResponse{
		Type: discordgo.InteractionResponseModal,
		Data: &discordgo.InteractionResponseData{
			CustomID: idWhy + ":" + passageID,
			Title:    titleWhy,
			Components: []discordgo.MessageComponent{discordgo.ActionsRow{Components: []discordgo.MessageComponent{
				discordgo.TextInput{CustomID: inputWhy, Label: labelWhy, Style: discordgo.TextInputParagraph,
					Placeholder: placeholderWhy, Required: false, MaxLength: faq.MaxComment},
			}}},
		},
	}
}

// why records what a reader who found an answer unhelpful was looking for (the
// modal's answer): it replaces their vote, now with the comment.
func (b *Bot) why(ctx context.Context, log *slog.Logger, from faq.Origin, i *discordgo.Interaction, passageID string, data discordgo.ModalSubmitInteractionData) *discordgo.InteractionResponse {
	r := feedback(from, i.Message, passageID, false)
	r.Comment = textInput(data.Components, inputWhy)
	a, err := b.svc.Feedback(ctx, r)
	if err != nil {
		b.logError(log, "feedback failed", err)
		return text(faq.ErrorMessage(err)).response(true)
	}
	if urgent(a.Kind) {
		return renderAnswer(a, renderOptions{}).response(true)
	}
	return text(a.Text).response(true)
}

// textInput returns the value of the text input id in a modal's components.
func textInput(components []discordgo.MessageComponent, id string) string {
	for _, c := range components {
		switch c := c.(type) {
		case *discordgo.ActionsRow:
			if v := textInput(c.Components, id); v != "" {
				return v
			}
		case *discordgo.TextInput:
			if c.CustomID == id {
				return c.Value
			}
		}
	}
	return ""
}
