package discord

import (
	"context"
	"fmt"
	"log/slog"
	"math"
	"strings"
	"time"

	"github.com/bwmarrin/discordgo"

	"github.com/faqbot/faqbot/internal/faq"
)

// answerTimeout bounds the engine work done before an immediate response: Discord drops
// responses that come later than 3 s after the interaction.
const answerTimeout = 2500 * time.Millisecond

// Messages a user may see.
const (
	msgTrouble  = "Sorry, I couldn't look that up just now. Please try again in a moment."
	msgEmpty    = "Please type a question, for example `/ask question: Can I take ketamine with an SSRI?`"
	msgTooLong  = "That question is a bit long for me — please ask it in under %d characters."
	msgCooldown = "You're asking quickly! Please wait %d second(s) and ask again."
	msgUnknown  = "I don't know that command. Try `/ask`."
	msgGone     = "That passage is no longer in the index. Please ask again."
)

// Respond computes the immediate response to an interaction (both transports call it).
// When work continues after the response (a deferred /reindex) later is non-nil: the
// transport must call it, in a goroutine, after sending resp (also when sending failed,
// so Wait does not wait for it forever); it edits the original reply via REST
// (rest.InteractionResponseEdit). Pass later a context that is not cancelled at
// shutdown (context.WithoutCancel): in-flight work should finish. Respond itself never
// blocks on slow work (Discord's 3 s).
func (b *Bot) Respond(ctx context.Context, i *discordgo.Interaction) (resp *discordgo.InteractionResponse, later func(context.Context)) {
	log := b.log.With("interaction", i.ID, "user", userID(i))
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
			return b.ask(ctx, log, i, stringOption(data.Options, optQuestion)), nil
		case cmdReindex:
			return b.reindex(log, i)
		}
		log.Warn("unknown command", "command", data.Name)
	case discordgo.InteractionApplicationCommandAutocomplete:
		data, ok := i.Data.(discordgo.ApplicationCommandInteractionData)
		if ok {
			return b.autocomplete(ctx, log, data), nil
		}
	case discordgo.InteractionMessageComponent:
		data, ok := i.Data.(discordgo.MessageComponentInteractionData)
		if ok {
			return b.component(ctx, log, i, data), nil
		}
	}
	log.Warn("unhandled interaction", "type", int(i.Type))
	return text(msgUnknown).response(true), nil
}

// ask answers /ask.
func (b *Bot) ask(ctx context.Context, log *slog.Logger, i *discordgo.Interaction, question string) *discordgo.InteractionResponse {
	ephemeral := !b.cfg.Public
	r, private := b.answer(ctx, log, userID(i), question, ephemeral)
	return r.response(ephemeral || private)
}

// answer is the reply to a question from /ask or a mention. private reports that the
// reply should be seen by the asker only when the transport allows it (crisis
// resources, refusals). A question refused for its length or the cooldown still goes
// through the crisis check: someone in crisis always gets the resources.
func (b *Bot) answer(ctx context.Context, log *slog.Logger, user, question string, ephemeral bool) (r reply, private bool) {
	question = strings.TrimSpace(question)
	if question == "" {
		return text(msgEmpty), true
	}
	refusal := ""
	if n := runeLen(question); n > MaxQuestionLength {
		log.Info("question refused: too long", "chars", n)
		refusal = fmt.Sprintf(msgTooLong, MaxQuestionLength)
	} else if ok, wait := b.cooldown.allow(user); !ok {
		log.Info("question refused: cooldown", "wait", wait)
		refusal = fmt.Sprintf(msgCooldown, int(math.Ceil(wait.Seconds())))
	}
	ctx, cancel := context.WithTimeout(ctx, answerTimeout)
	defer cancel()
	start := time.Now()
	a, err := b.eng.Answer(ctx, question)
	switch {
	case err != nil:
		log.Error("answer failed", "err", err)
		return text(msgTrouble), true
	case a.Kind == faq.KindCrisis:
		log.Info("answered", "kind", string(a.Kind), "took", time.Since(start))
		return renderCrisis(a), true
	case refusal != "":
		return text(refusal), true
	}
	// The question itself is not logged: it may be personal health information.
	log.Info("answered", "kind", string(a.Kind), "passage", a.PassageID, "score", a.Score, "took", time.Since(start))
	return renderAnswer(a, renderOptions{ephemeral: ephemeral, question: question}), false
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
	alts, err := b.eng.Suggest(ctx, prefix, maxChoices)
	if err != nil {
		log.Error("suggest failed", "err", err)
	}
	choices := make([]*discordgo.ApplicationCommandOptionChoice, 0, maxChoices)
	seen := map[string]bool{}
	for _, alt := range alts {
		name := truncate(strings.TrimSpace(alt.Title), maxChoiceLength)
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
func (b *Bot) component(ctx context.Context, log *slog.Logger, i *discordgo.Interaction, data discordgo.MessageComponentInteractionData) *discordgo.InteractionResponse {
	ctx, cancel := context.WithTimeout(ctx, answerTimeout)
	defer cancel()
	kind, arg, _ := strings.Cut(data.CustomID, ":")
	switch kind {
	case idShare:
		a, err := b.eng.Passage(ctx, arg)
		if err != nil || a.Kind != faq.KindAnswer {
			log.Info("share: passage not found", "passage", arg, "err", err)
			return text(msgGone).response(true)
		}
		r := renderAnswer(a, renderOptions{})
		if u := userID(i); u != "" {
			r.content = "Shared by <@" + u + ">" // allowed_mentions keeps this from pinging
		}
		return r.response(false)
	case idMore:
		a, err := b.eng.Passage(ctx, arg)
		if err != nil {
			log.Info("more: passage not found", "passage", arg, "err", err)
			return text(msgGone).response(true)
		}
		// The runners-up of the user's own question, which the answer repeats in its
		// footer; failing that, those of the passage's own title.
		alts := a.Alternatives
		question, asked := askedQuestion(i.Message)
		if !asked && len(alts) == 0 {
			question = a.Title
		}
		if question != "" {
			if again, err := b.eng.Answer(ctx, question); err == nil && again.Kind != faq.KindCrisis {
				alts = nil
				for _, alt := range again.Alternatives {
					if alt.PassageID != arg {
						alts = append(alts, alt)
					}
				}
			}
		}
		return renderMore(alts, arg).response(true)
	case idShow:
		if len(data.Values) == 0 {
			break
		}
		a, err := b.eng.Passage(ctx, data.Values[0])
		if err != nil || a.Kind != faq.KindAnswer {
			log.Info("show: passage not found", "passage", data.Values[0], "err", err)
			return text(msgGone).response(true)
		}
		return renderAnswer(a, renderOptions{ephemeral: true}).response(true)
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
