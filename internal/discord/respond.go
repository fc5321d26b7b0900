package discord

import (
	"context"
	"fmt"
	"log/slog"
	"strings"
	"time"

	"github.com/bwmarrin/discordgo"

	"github.com/faqbot/faqbot/internal/faq"
)

// answerTimeout bounds the service work done before an immediate response: Discord
// drops responses that come later than 3 s after the interaction.
const answerTimeout = 2500 * time.Millisecond

// Respond computes the immediate response to an interaction (both transports call it;
// transport is faq.TransportGateway or faq.TransportEndpoint). When work continues
// after the response (a deferred /reindex) later is non-nil: the transport must call
// it, in a goroutine, after sending resp (also when sending failed, so Wait does not
// wait for it forever); it edits the original reply via REST
// (rest.InteractionResponseEdit). Pass later a context that is not cancelled at
// shutdown (context.WithoutCancel): in-flight work should finish. Respond itself never
// blocks on slow work (Discord's 3 s).
func (b *Bot) Respond(ctx context.Context, transport string, i *discordgo.Interaction) (resp *discordgo.InteractionResponse, later func(context.Context)) {
	log := logFrom(ctx, b.log).With("interaction", i.ID, "user", userID(i))
	from := faq.Origin{Transport: transport, Server: i.GuildID, User: userID(i)}
	switch i.Type {
	case discordgo.InteractionPing:
		return &discordgo.InteractionResponse{Type: discordgo.InteractionResponsePong}, nil
	case discordgo.InteractionApplicationCommand:
		data, ok := i.Data.(discordgo.ApplicationCommandInteractionData)
		if !ok {
			break
		}
		switch data.Name {
		case cmdAsk:
			return b.ask(ctx, log, from, stringOption(data.Options, optQuestion)), nil
		case cmdReindex:
			return b.reindex(log, from, i)
		case cmdAdmin:
			return b.admin(log, from, i, data)
		case cmdFindAnswer:
			return b.findAnswer(ctx, log, from, data), nil
		}
		log.Warn("unknown command", "command", data.Name)
	case discordgo.InteractionApplicationCommandAutocomplete:
		data, ok := i.Data.(discordgo.ApplicationCommandInteractionData)
		if ok {
			return b.autocomplete(ctx, log, data), nil
		}
	case discordgo.InteractionMessageComponent:
		data, ok := i.Data.(discordgo.MessageComponentInteractionData)
		if resp, later, mine := b.helpComponent(log, from, i, data); ok && mine {
			return resp, later
		}
		if ok {
			return b.component(ctx, log, from, i, data), nil
		}
	case discordgo.InteractionModalSubmit:
		data, ok := i.Data.(discordgo.ModalSubmitInteractionData)
		if kind, arg, _ := strings.Cut(data.CustomID, ":"); ok && kind == idWhy {
			ctx, cancel := context.WithTimeout(ctx, answerTimeout)
			defer cancel()
			return b.why(ctx, log, from, i, arg, data), nil
		}
	}
	log.Warn("unhandled interaction", "type", int(i.Type))
	return text(msgUnknown).response(true), nil
}

// ask answers /ask.
func (b *Bot) ask(ctx context.Context, log *slog.Logger, from faq.Origin, question string) *discordgo.InteractionResponse {
	ephemeral := !b.cfg.Public
	r, private := b.answer(ctx, log, from, question, ephemeral)
	return r.response(ephemeral || private)
}

// answer is the reply to a question from /ask or a mention. private reports that the
// reply should be seen by the asker only when the transport allows it (crisis
// resources, emergency advice, refusals).
func (b *Bot) answer(ctx context.Context, log *slog.Logger, from faq.Origin, question string, ephemeral bool) (r reply, private bool) {
	ctx, cancel := context.WithTimeout(ctx, answerTimeout)
	defer cancel()
	start := time.Now()
	a, err := b.svc.Ask(ctx, faq.Question{Origin: from, Text: question})
	if err != nil {
		b.logError(log, "question not answered", err)
		return text(faq.ErrorMessage(err)), true
	}
	// The question itself is not logged: it may be personal health information.
	log.Info("answered", "kind", string(a.Kind), "passage", a.PassageID, "score", a.Score, "took", time.Since(start))
	if a.Kind == faq.KindCrisis || a.Kind == faq.KindEmergency {
		return renderCrisis(a), true
	}
	return renderAnswer(a, renderOptions{ephemeral: ephemeral, question: a.Question}), false
}

// logError logs a failed request: refusals and expected outcomes at Info, the rest at
// Error with the underlying error.
func (b *Bot) logError(log *slog.Logger, msg string, err error) {
	switch code := faq.ErrorCode(err); code {
	case faq.EINTERNAL, faq.EUNAVAILABLE:
		log.Error(msg, "code", code, "err", b.scrubErr(err))
	default:
		log.Info(msg, "code", code)
	}
}

// autocomplete suggests FAQ questions and section titles for what has been typed.
func (b *Bot) autocomplete(ctx context.Context, log *slog.Logger, data discordgo.ApplicationCommandInteractionData) *discordgo.InteractionResponse {
	prefix := ""
	for _, o := range data.Options {
		if o.Focused && o.Type == discordgo.ApplicationCommandOptionString {
			prefix, _ = o.Value.(string)
		}
	}
	ctx, cancel := context.WithTimeout(ctx, answerTimeout)
	defer cancel()
	alts, err := b.svc.Suggest(ctx, prefix, maxChoices)
	if err != nil {
		b.logError(log, "suggest failed", err)
	}
	choices := make([]*discordgo.ApplicationCommandOptionChoice, 0, maxChoices)
	seen := map[string]bool{}
	for _, alt := range alts {
		name := faq.Shorten(strings.TrimSpace(alt.Title), maxChoiceLength)
		if name == "" || seen[name] {
			continue
		}
		seen[name] = true
		choices = append(choices, &discordgo.ApplicationCommandOptionChoice{Name: name, Value: name})
		if len(choices) == maxChoices {
			break
		}
	}
	return &discordgo.InteractionResponse{
		Type: discordgo.InteractionApplicationCommandAutocompleteResult,
		Data: &discordgo.InteractionResponseData{Choices: choices},
	}
}

// component handles the buttons and the topic menu.
func (b *Bot) component(ctx context.Context, log *slog.Logger, from faq.Origin, i *discordgo.Interaction, data discordgo.MessageComponentInteractionData) *discordgo.InteractionResponse {
	ctx, cancel := context.WithTimeout(ctx, answerTimeout)
	defer cancel()
	kind, arg, _ := strings.Cut(data.CustomID, ":")
	switch kind {
	case idShare:
		a, err := b.svc.Passage(ctx, from, arg)
		if err != nil {
			b.logError(log, "share failed", err)
			return text(faq.ErrorMessage(err)).response(true)
		}
		r := renderAnswer(a, renderOptions{})
		if u := userID(i); u != "" {
			r.content = fmt.Sprintf(sharedBy, u)
		}
		return r.response(false)
	case idMore:
		// The runners-up of the user's own question, which the answer repeats in its
		// footer; without one, those of the passage's own title.
		question, _ := askedQuestion(i.Message)
		alts, err := b.svc.Related(ctx, faq.Question{Origin: from, Text: question}, arg)
		if err != nil {
			b.logError(log, "more results failed", err)
			return text(faq.ErrorMessage(err)).response(true)
		}
		return renderMore(alts, arg).response(true)
	case idShow:
		if len(data.Values) == 0 {
			break
		}
		a, err := b.svc.Passage(ctx, from, data.Values[0])
		if err != nil {
			b.logError(log, "show failed", err)
			return text(faq.ErrorMessage(err)).response(true)
		}
		return renderAnswer(a, renderOptions{ephemeral: true}).response(true)
	case idHelpful, idUnhelpful:
		return b.vote(ctx, log, from, i, arg, kind == idHelpful)
	}
	log.Warn("unknown component", "custom_id", data.CustomID)
	return text(msgUnknown).response(true)
}

// stringOption returns the value of the named string option.
func stringOption(opts []*discordgo.ApplicationCommandInteractionDataOption, name string) string {
	for _, o := range opts {
		if o.Name == name {
			if s, ok := o.Value.(string); ok {
				return s
			}
		}
	}
	return ""
}

// userID is the id of whoever caused the interaction, in a server or a DM.
func userID(i *discordgo.Interaction) string {
	switch {
	case i.Member != nil && i.Member.User != nil:
		return i.Member.User.ID
	case i.User != nil:
		return i.User.ID
	}
	return ""
}
