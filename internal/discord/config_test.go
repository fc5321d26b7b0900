package discord

import (
	"reflect"
	"strings"
	"testing"
)

func TestConfigFromEnv(t *testing.T) {
	tests := []struct {
		name    string
		env     map[string]string
		want    Config
		wantErr string
	}{
		{name: "defaults", env: map[string]string{}, want: Config{}},
		{name: "all", env: map[string]string{
			"DISCORD_TOKEN": " tok ", "DISCORD_APP_ID": "1", "DISCORD_GUILD_ID": "2", "DISCORD_API_URL": "http://127.0.0.1:9/api/v9",
			"DISCORD_PUBLIC_REPLIES": "true", "DISCORD_MODERATOR_ROLE_ID": "3",
		}, want: Config{Token: "tok", AppID: "1", GuildID: "2", APIURL: "http://127.0.0.1:9/api/v9", Public: true, ModeratorRoleID: "3"}},
		{name: "bad bool", env: map[string]string{"DISCORD_PUBLIC_REPLIES": "yes please"}, wantErr: "DISCORD_PUBLIC_REPLIES"},
		{name: "bad guild", env: map[string]string{"DISCORD_GUILD_ID": "my server"}, wantErr: "DISCORD_GUILD_ID"},
		{name: "help channels", env: map[string]string{"DISCORD_HELP_CHANNELS": " 11, 12 11\n13 "},
			want: Config{HelpChannels: []string{"11", "12", "13"}}},
		{name: "bad help channel", env: map[string]string{"DISCORD_HELP_CHANNELS": "11,#help"}, wantErr: "DISCORD_HELP_CHANNELS"},
		{name: "shard count", env: map[string]string{"SHARD_COUNT": "4"}, want: Config{ShardCount: 4}},
		{name: "one shard", env: map[string]string{"SHARD_COUNT": "4", "SHARD_ID": "3"}, want: Config{ShardCount: 4, ShardIDs: []int{3}}},
		{name: "a range of shards", env: map[string]string{"SHARD_COUNT": "4", "SHARD_ID": "1-2", "DISCORD_REGISTER_COMMANDS": "false"},
			want: Config{ShardCount: 4, ShardIDs: []int{1, 2}, RegisterCommands: new(false)}},
		{name: "shard without count", env: map[string]string{"SHARD_ID": "1"}, wantErr: "needs SHARD_COUNT"},
		{name: "shard past count", env: map[string]string{"SHARD_COUNT": "2", "SHARD_ID": "2"}, wantErr: "SHARD_ID"},
		{name: "backwards range", env: map[string]string{"SHARD_COUNT": "4", "SHARD_ID": "2-1"}, wantErr: "SHARD_ID"},
		{name: "bad count", env: map[string]string{"SHARD_COUNT": "0"}, wantErr: "SHARD_COUNT"},
		{name: "bad register", env: map[string]string{"DISCORD_REGISTER_COMMANDS": "maybe"}, wantErr: "DISCORD_REGISTER_COMMANDS"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := ConfigFromEnv(func(k string) string { return tt.env[k] })
			if tt.wantErr != "" {
				if err == nil || !strings.Contains(err.Error(), tt.wantErr) {
					t.Fatalf("err = %v; want one naming %s", err, tt.wantErr)
				}
				return
			}
			if err != nil || !reflect.DeepEqual(got, tt.want) {
				t.Errorf("ConfigFromEnv = %+v, %v; want %+v", got, err, tt.want)
			}
		})
	}
}
