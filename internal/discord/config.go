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
	EnvShardCount      = "SHARD_COUNT"
	EnvShardID         = "SHARD_ID"
	EnvRegister        = "DISCORD_REGISTER_COMMANDS"
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
	if err := shardsFromEnv(getenv, &cfg); err != nil {
		return Config{}, err
	}
	if v := strings.TrimSpace(getenv(EnvRegister)); v != "" {
		b, err := strconv.ParseBool(v)
		if err != nil {
			return Config{}, fmt.Errorf("%s=%q: want true or false", EnvRegister, v)
		}
		cfg.RegisterCommands = &b
	}
	return cfg, nil
}

// shardsFromEnv reads SHARD_COUNT and SHARD_ID ("3", or a range "0-3") into cfg.
func shardsFromEnv(getenv func(string) string, cfg *Config) error {
	count, ids := strings.TrimSpace(getenv(EnvShardCount)), strings.TrimSpace(getenv(EnvShardID))
	if count != "" {
		n, err := strconv.Atoi(count)
		if err != nil || n < 1 {
			return fmt.Errorf("%s=%q: want a number of shards, 1 or more", EnvShardCount, count)
		}
		cfg.ShardCount = n
	}
	if ids == "" {
		return nil
	}
	if cfg.ShardCount == 0 {
		return fmt.Errorf("%s=%q needs %s: every process must shard by the same count", EnvShardID, ids, EnvShardCount)
	}
	first, last, isRange := strings.Cut(ids, "-")
	if !isRange {
		last = first
	}
	a, errA := strconv.Atoi(strings.TrimSpace(first))
	b, errB := strconv.Atoi(strings.TrimSpace(last))
	if errA != nil || errB != nil || a < 0 || b < a || b >= cfg.ShardCount {
		return fmt.Errorf("%s=%q: want a shard (0 to %d) or a range of them such as 0-%d", EnvShardID, ids, cfg.ShardCount-1, cfg.ShardCount-1)
	}
	for id := a; id <= b; id++ {
		cfg.ShardIDs = append(cfg.ShardIDs, id)
	}
	return nil
}

func isSnowflake(s string) bool {
	_, err := strconv.ParseUint(s, 10, 64)
	return err == nil
}
