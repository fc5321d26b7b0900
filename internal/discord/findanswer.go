package discord

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"net/http"
	"strings"
	"time"

	"github.com/bwmarrin/discordgo"

	"github.com/faqbot/faqbot/internal/faq"
)

// "Find answer" (Apps → Find answer, on any message) answers the message's text for
// the one who used it, privately, with buttons to post the answer as a reply to it.
// The text comes with the interaction (its resolved message), so no privileged
// intent is needed.
const cmdFindAnswer = "Find answer"

// Custom ids of the buttons posting a found answer: "reply:<message id>:<passage
// id>" replies to that message pinging nobody; "replyping:…" notifies its author.
const (
	idReply     = "reply"
	idReplyPing = "replyping"
)

// postTimeout bounds posting a found answer (a REST read and a send).
const postTimeout = 30 * time.Second

// findAnswerCommand is the message command, registered with the slash commands.
func findAnswerCommand() *discordgo.ApplicationCommand {
	inServers := []discordgo.InteractionContextType{discordgo.InteractionContextGuild}
	return &discordgo.ApplicationCommand{Name: cmdFindAnswer, Type: discordgo.MessageApplicationCommand, Contexts: &inServers}
}

// findAnswer answers the target message of a "Find answer" privately. A message
// suggesting a crisis gets the resources, with a word on reaching out to its author.
func (b *Bot) findAnswer(ctx context.Context, log *slog.Logger, from faq.Origin, data discordgo.ApplicationCommandInteractionData) *discordgo.InteractionResponse {
	var target *discordgo.Message
	if data.Resolved != nil {
		target = data.Resolved.Messages[data.TargetID]
	}
	if target == nil || strings.TrimSpace(target.Content) == "" {
		return text(msgNoText).response(true)
	}
	ctx, cancel := context.WithTimeout(ctx, answerTimeout)
	defer cancel()
	a, err := b.askText(ctx, from, target.Content)
	if err != nil {
		b.logError(log, "find answer: not answered", err)
		return text(faq.ErrorMessage(err)).response(true)
	}
	log.Info("find answer", "kind", string(a.Kind), "passage", a.PassageID, "score", a.Score)
	r := renderAnswer(a, renderOptions{ephemeral: true, question: a.Question})
	switch {
	case urgent(a.Kind):
		r.content = msgReachOut
	case a.Kind == faq.KindAnswer:
		r.components = replyButtons(r.components, target.ID, a.PassageID)
	}
	return r.response(true)
}

// replyButtons replaces Share in channel with Post as reply and Reply and notify,
// when their custom ids fit.
func replyButtons(rows []discordgo.MessageComponent, messageID, passageID string) []discordgo.MessageComponent {
	arg := messageID + ":" + passageID
	if !fitsID(idReplyPing, arg) {
		return rows
	}
	return mapButtons(rows, func(btn discordgo.Button) []discordgo.MessageComponent {
		if !strings.HasPrefix(btn.CustomID, idShare+":") {
			return []discordgo.MessageComponent{btn}
		}
		return []discordgo.MessageComponent{
			discordgo.Button{Label: labelPostReply, Style: discordgo.PrimaryButton, CustomID: idReply + ":" + arg},
			discordgo.Button{Label: labelReplyNotify, Style: discordgo.SecondaryButton, CustomID: idReplyPing + ":" + arg},
		}
	})
}

// postReply posts a found answer as a reply to the message it was found for, in the
// channel of the click; notify pings the message's author. The clicker gets a private
// deferred reply saying how it went.
func (b *Bot) postReply(log *slog.Logger, from faq.Origin, i *discordgo.Interaction, arg string, notify bool) (*discordgo.InteractionResponse, func(context.Context)) {
	messageID, passageID, ok := strings.Cut(arg, ":")
	if !ok || messageID == "" || passageID == "" {
		return text(msgUnknown).response(true), nil
	}
	question, _ := askedQuestion(i.Message)
	channel, clicker := i.ChannelID, userID(i)
	return b.deferred(log, i, func(ctx context.Context) reply {
		ctx, cancel := context.WithTimeout(ctx, postTimeout)
		defer cancel()
		if b.rest == nil {
			log.Error("cannot post the reply: the bot has no REST session")
			return text(msgPostFailed)
		}
		// Read for its author (who may remove the reply); without the Message Content
		// intent its text is empty, which is fine.
		target, err := b.rest.ChannelMessage(channel, messageID, discordgo.WithContext(ctx))
		var rest *discordgo.RESTError
		switch {
		case errors.As(err, &rest) && rest.Response != nil && rest.Response.StatusCode == http.StatusNotFound:
			log.Info("post reply: the message is gone")
			return text(msgMessageGone)
		case err != nil:
			log.Error("post reply: the message cannot be read", "err", b.scrubErr(err))
			return text(msgPostFailed)
		}
		a, err := b.svc.Passage(ctx, from, passageID)
		if err != nil {
			b.logError(log, "post reply failed", err)
			return text(faq.ErrorMessage(err))
		}
		asker := ""
		if target.Author != nil {
			asker = target.Author.ID
		}
		r := helpReply(a, question, 0, asker, clicker)
		if clicker != "" {
			r.content = fmt.Sprintf(sharedBy, clicker)
		}
		send := r.message(target)
		send.AllowedMentions.RepliedUser = notify
		if _, err := b.rest.ChannelMessageSendComplex(channel, send, discordgo.WithContext(ctx)); err != nil {
			log.Error("post reply failed", "err", b.scrubErr(err))
			return text(msgPostFailed)
		}
		log.Info("found answer posted as a reply", "passage", passageID, "notify", notify)
		return text(msgPosted)
	})
}
