package discord

import (
	"fmt"
	"strconv"
	"strings"
)

// Environment variables read by ConfigFromEnv.
const (
	EnvToken           = "DISCORD_TOKEN"
	EnvAppID           = "DISCORD_APP_ID"
	EnvGuildID         = "DISCORD_GUILD_ID"
	EnvAPIURL          = "DISCORD_API_URL"
	EnvPublicReplies   = "DISCORD_PUBLIC_REPLIES"
	EnvModeratorRoleID = "DISCORD_MODERATOR_ROLE_ID"
	EnvHelpChannels    = "DISCORD_HELP_CHANNELS"
)

// ConfigFromEnv reads the bot's configuration from environment variables through
// getenv (os.Getenv, or a map in tests). A missing token is not an error here; Serve
// and NewSession report it.
func ConfigFromEnv(getenv func(string) string) (Config, error) {
	cfg := Config{
		Token:           strings.TrimSpace(getenv(EnvToken)),
		AppID:           strings.TrimSpace(getenv(EnvAppID)),
		GuildID:         strings.TrimSpace(getenv(EnvGuildID)),
		APIURL:          strings.TrimSpace(getenv(EnvAPIURL)),
		ModeratorRoleID: strings.TrimSpace(getenv(EnvModeratorRoleID)),
	}
	if v := strings.TrimSpace(getenv(EnvPublicReplies)); v != "" {
		b, err := strconv.ParseBool(v)
		if err != nil {
			return Config{}, fmt.Errorf("%s=%q: want true or false", EnvPublicReplies, v)
		}
		cfg.Public = b
	}
	var err error
	if cfg.HelpChannels, err = channelList(EnvHelpChannels, getenv(EnvHelpChannels)); err != nil {
		return Config{}, err
	}
	for _, v := range [][2]string{{EnvAppID, cfg.AppID}, {EnvGuildID, cfg.GuildID}, {EnvModeratorRoleID, cfg.ModeratorRoleID}} {
		if v[1] != "" && !isSnowflake(v[1]) {
			return Config{}, fmt.Errorf("%s=%q: want a numeric Discord id (Developer Mode → Copy ID)", v[0], v[1])
		}
	}
	return cfg, nil
}

func isSnowflake(s string) bool {
	_, err := strconv.ParseUint(s, 10, 64)
	return err == nil
}
