package discord

import "github.com/bwmarrin/discordgo"

// Command and option names.
const (
	cmdAsk      = "ask"
	cmdReindex  = "reindex"
	cmdAdmin    = "faq-admin"
	optQuestion = "question"
)

// moderatorPermissions are the permission bits that allow /reindex: Manage Server, or
// Administrator (which implies every permission).
const moderatorPermissions = discordgo.PermissionManageGuild | discordgo.PermissionAdministrator

// Commands returns the application commands to register (bulk overwrite). The /ask
// option is registered with maxQuestion as its max_length (none when 0), the limit the
// answering service enforces.
func Commands(maxQuestion int) []*discordgo.ApplicationCommand {
	manageServer := int64(discordgo.PermissionManageGuild)
	inServers := []discordgo.InteractionContextType{discordgo.InteractionContextGuild}
	return []*discordgo.ApplicationCommand{
		{
			Name:        cmdAsk,
			Type:        discordgo.ChatApplicationCommand,
			Description: descAsk,
			Options: []*discordgo.ApplicationCommandOption{{
				Type:         discordgo.ApplicationCommandOptionString,
				Name:         optQuestion,
				Description:  descQuestion,
				Required:     true,
				Autocomplete: true,
				MaxLength:    maxQuestion,
			}},
		},
		{
			Name:        cmdReindex,
			Type:        discordgo.ChatApplicationCommand,
			Description: descReindex,
			Options: []*discordgo.ApplicationCommandOption{
				{Type: discordgo.ApplicationCommandOptionBoolean, Name: optForce, Description: descForce},
				{Type: discordgo.ApplicationCommandOptionBoolean, Name: optRollback, Description: descRollback},
			},
			// Hidden from members without Manage Server by default; server owners can
			// change that, so Respond checks again.
			DefaultMemberPermissions: &manageServer,
			Contexts:                 &inServers,
		},
		{
			Name:                     cmdAdmin,
			Type:                     discordgo.ChatApplicationCommand,
			Description:              descAdmin,
			Options:                  adminCommandOptions(),
			DefaultMemberPermissions: &manageServer,
			Contexts:                 &inServers,
		},
		findAnswerCommand(),
	}
}
