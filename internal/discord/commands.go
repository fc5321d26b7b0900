package discord

import "github.com/bwmarrin/discordgo"

// Command and option names.
const (
	cmdAsk      = "ask"
	cmdReindex  = "reindex"
	optQuestion = "question"
)

// moderatorPermissions are the permission bits that allow /reindex: Manage Server, or
// Administrator (which implies every permission).
const moderatorPermissions = discordgo.PermissionManageGuild | discordgo.PermissionAdministrator

// Commands returns the application commands to register (bulk overwrite).
func Commands() []*discordgo.ApplicationCommand {
	manageServer := int64(discordgo.PermissionManageGuild)
	noDM := false
	return []*discordgo.ApplicationCommand{
		{
			Name:        cmdAsk,
			Type:        discordgo.ChatApplicationCommand,
			Description: "Ask a question; the answer comes from this server's FAQ and articles",
			Options: []*discordgo.ApplicationCommandOption{{
				Type:         discordgo.ApplicationCommandOptionString,
				Name:         optQuestion,
				Description:  "Your question, in your own words",
				Required:     true,
				Autocomplete: true,
				MaxLength:    MaxQuestionLength,
			}},
		},
		{
			Name:        cmdReindex,
			Type:        discordgo.ChatApplicationCommand,
			Description: "Rebuild the answer index from the content (moderators)",
			// Hidden from members without Manage Server by default; server owners can
			// change that, so Respond checks again.
			DefaultMemberPermissions: &manageServer,
			DMPermission:             &noDM,
		},
	}
}
