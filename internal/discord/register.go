package discord

import (
	"fmt"
	"slices"

	"github.com/bwmarrin/discordgo"
)

// RegistersCommands reports whether this process registers the slash commands: as
// configured (DISCORD_REGISTER_COMMANDS), else, with a bot token, when it runs the
// gateway's shard 0 (all shards by default), or runs no gateway (an HTTP-endpoint
// process). gateway says whether it connects to the gateway. Registering is a bulk
// overwrite, so two processes doing it is harmless, but with many it is one per
// deployment that should.
func (c Config) RegistersCommands(gateway bool) bool {
	if c.RegisterCommands != nil {
		return *c.RegisterCommands
	}
	if !hasToken(c.Token) {
		return false
	}
	return !gateway || len(c.ShardIDs) == 0 || slices.Contains(c.ShardIDs, 0)
}

// RegisterCommands registers the slash commands (a bulk overwrite) on s, a session
// with the bot token: to the configured server (Config.GuildID), where they appear at
// once, or globally, for the configured application, or else the one the token
// belongs to (GET /oauth2/applications/@me).
func (b *Bot) RegisterCommands(s *discordgo.Session) error {
	if !hasToken(s.Token) {
		return ErrNoToken
	}
	appID := b.cfg.AppID
	if appID == "" {
		app, err := s.Application("@me")
		if err != nil {
			return b.restError("register commands: find the application of the bot token", err)
		}
		appID = app.ID
	}
	scope := "global"
	if b.cfg.GuildID != "" {
		scope = "guild " + b.cfg.GuildID
	}
	cmds, err := s.ApplicationCommandBulkOverwrite(appID, b.cfg.GuildID, Commands(b.cfg.MaxQuestion))
	if err != nil {
		return b.restError(fmt.Sprintf("register commands (%s) for application %s", scope, appID), err)
	}
	b.log.Info("commands registered", "scope", scope, "count", len(cmds))
	return nil
}
