package discord

import (
	"context"
	"fmt"
	"strings"

	"github.com/bwmarrin/discordgo"
)

// AutoReplySwitches keeps each server's help-channel auto-reply switch
// (/faq-admin autoreply on|off) where it survives restarts and every replica reads
// it; internal/serve passes in the question log's database.
type AutoReplySwitches interface {
	// AutoReply reports whether auto-replies are on in server: on unless a
	// moderator switched them off.
	AutoReply(ctx context.Context, server string) (bool, error)
	// SetAutoReply switches them on or off in server.
	SetAutoReply(ctx context.Context, server string, on bool) error
}

// optState is the option of /faq-admin autoreply.
const optState = "state"

func autoReplyOptions() []*discordgo.ApplicationCommandOption {
	return []*discordgo.ApplicationCommandOption{{
		Type: discordgo.ApplicationCommandOptionString, Name: optState, Description: descState,
		Choices: []*discordgo.ApplicationCommandOptionChoice{{Name: "on", Value: "on"}, {Name: "off", Value: "off"}},
	}}
}

// runAutoReply answers /faq-admin autoreply: with on or off it switches the
// server's auto-replies; without, it says how they are.
func runAutoReply(ctx context.Context, b *Bot, r adminRequest) (reply, error) {
	if b.cfg.Switches == nil {
		return text(msgNoSwitch), nil
	}
	var on bool
	var err error
	switch state := stringOption(r.opts, optState); state {
	case "on", "off":
		on = state == "on"
		err = b.cfg.Switches.SetAutoReply(ctx, r.from.Server, on)
		b.log.Info("auto-replies switched", "server", r.from.Server, "on", on)
	default:
		on, err = b.cfg.Switches.AutoReply(ctx, r.from.Server)
	}
	if err != nil {
		return reply{}, err
	}
	msg := msgAutoReplyOff
	if on {
		msg = msgAutoReplyOn
	}
	if len(b.cfg.HelpChannels) == 0 {
		return text(msg + msgNoHelpChannels), nil
	}
	listed := make([]string, 0, len(b.cfg.HelpChannels))
	for _, id := range b.cfg.HelpChannels {
		listed = append(listed, "<#"+id+">")
	}
	return text(msg + fmt.Sprintf(msgHelpChannels, strings.Join(listed, ", "))), nil
}
