package discordtest

import "strconv"

// Payload builders for gateway events, in Discord's JSON shape.

// GuildID and ChannelID are where the fake's events happen.
const (
	GuildID   = "300000000000000001"
	ChannelID = "400000000000000001"
)

// Permission bits used by tests.
const (
	PermAdministrator = 1 << 3
	PermManageServer  = 1 << 5
	PermSendMessages  = 1 << 11
)

// Member is a server member who causes an event.
type Member struct {
	ID          string
	Permissions int64
	Roles       []string
}

func (m Member) json() map[string]any {
	roles := m.Roles
	if roles == nil {
		roles = []string{}
	}
	return map[string]any{
		"user":        map[string]any{"id": m.ID, "username": "user" + m.ID, "discriminator": "0"},
		"roles":       roles,
		"permissions": strconv.FormatInt(m.Permissions, 10),
		"joined_at":   "2026-01-01T00:00:00Z",
	}
}

// Token is the interaction token the fake gives interaction id.
func Token(id string) string { return "itoken-" + id }

func interaction(id string, typ int, m Member, data map[string]any) map[string]any {
	return map[string]any{
		"id": id, "application_id": AppID, "type": typ, "token": Token(id), "version": 1,
		"guild_id": GuildID, "channel_id": ChannelID, "member": m.json(), "data": data,
		"app_permissions": "0", "locale": "en-US",
	}
}

// Command is an INTERACTION_CREATE payload for a slash command with string options.
func Command(id string, m Member, name string, options map[string]string) map[string]any {
	opts := []any{}
	for k, v := range options {
		opts = append(opts, map[string]any{"name": k, "type": 3, "value": v})
	}
	return interaction(id, 2, m, map[string]any{"id": "cmd-" + name, "name": name, "type": 1, "options": opts})
}

// Autocomplete is an INTERACTION_CREATE payload for autocomplete of one string option.
func Autocomplete(id string, m Member, name, option, typed string) map[string]any {
	return interaction(id, 4, m, map[string]any{"id": "cmd-" + name, "name": name, "type": 1,
		"options": []any{map[string]any{"name": option, "type": 3, "value": typed, "focused": true}}})
}

// Component is an INTERACTION_CREATE payload for a button (no values) or a select
// menu (values) click.
func Component(id string, m Member, customID string, values ...string) map[string]any {
	data := map[string]any{"custom_id": customID, "component_type": 2}
	if len(values) > 0 {
		data["component_type"] = 3
		data["values"] = values
	}
	return interaction(id, 3, m, data)
}

// Message is a MESSAGE_CREATE payload posted by author; mentionBot adds the bot to
// the message's mentions (the content should then contain "<@"+BotID+">").
func Message(id string, author Member, content string, mentionBot bool) map[string]any {
	mentions := []any{}
	if mentionBot {
		mentions = append(mentions, map[string]any{"id": BotID, "username": "faqbot", "bot": true})
	}
	return map[string]any{
		"id": id, "channel_id": ChannelID, "guild_id": GuildID, "content": content, "type": 0,
		"author":    map[string]any{"id": author.ID, "username": "user" + author.ID, "discriminator": "0"},
		"member":    author.json(),
		"mentions":  mentions,
		"timestamp": "2026-01-01T00:00:00Z",
	}
}

// InGuild returns the event payload p as sent in server guildID instead of GuildID.
func InGuild(p map[string]any, guildID string) map[string]any {
	p["guild_id"] = guildID
	return p
}
