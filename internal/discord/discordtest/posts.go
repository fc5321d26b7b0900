package discordtest

import (
	"encoding/json"
	"maps"
)

// Payload builders for help channels (forum posts, threads, replies) and message
// commands.

// MessageIn is a MESSAGE_CREATE payload posted by author in channel. A forum post's
// first message is in the post's thread and has the thread's id.
func MessageIn(id, channel string, author Member, content string) map[string]any {
	m := Message(id, author, content, false)
	m["channel_id"] = channel
	return m
}

// Reply makes m (a MESSAGE_CREATE payload) a reply to message toID of its channel.
// Discord includes the message replied to (to) as referenced_message; nil leaves it
// out, as Discord does at times.
func Reply(m map[string]any, toID string, to map[string]any) map[string]any {
	m["type"] = 19
	m["message_reference"] = map[string]any{"type": 0, "message_id": toID, "channel_id": m["channel_id"], "guild_id": GuildID}
	if to != nil {
		m["referenced_message"] = to
	}
	return m
}

// BotMessage is a message the bot sent (the body of its POST), as Discord returns
// it: with id, in channel, by the bot.
func BotMessage(id, channel string, body []byte) map[string]any {
	var m map[string]any
	if json.Unmarshal(body, &m) != nil || m == nil {
		m = map[string]any{}
	}
	m["id"], m["channel_id"], m["guild_id"], m["type"] = id, channel, GuildID, 0
	m["author"] = map[string]any{"id": BotID, "username": "faqbot", "bot": true}
	m["timestamp"] = "2026-01-01T00:00:00Z"
	if _, ok := m["message_reference"]; ok {
		m["type"] = 19
	}
	return m
}

// ThreadCreate is the THREAD_CREATE payload of a new thread (made by Channel).
func ThreadCreate(thread map[string]any) map[string]any {
	t := maps.Clone(thread)
	t["newly_created"] = true
	return t
}

// MessageCommand is an INTERACTION_CREATE payload for the message command name
// (Apps → name) used on target, a MESSAGE_CREATE payload, which comes resolved.
func MessageCommand(id string, m Member, name string, target map[string]any) map[string]any {
	p := interaction(id, 2, m, map[string]any{"id": "cmd-" + name, "name": name, "type": 3, "target_id": target["id"],
		"resolved": map[string]any{"messages": map[string]any{target["id"].(string): target}}})
	p["channel_id"] = target["channel_id"]
	return p
}

// On sets the bot's message (made by BotMessage) a component interaction came
// from, and its channel.
func On(payload, message map[string]any) map[string]any {
	payload["message"] = message
	payload["channel_id"] = message["channel_id"]
	return payload
}

// SubcommandStrings is an INTERACTION_CREATE payload for a subcommand of a command
// group, with string options.
func SubcommandStrings(id string, m Member, name, sub string, options map[string]string) map[string]any {
	opts := []any{}
	for k, v := range options {
		opts = append(opts, map[string]any{"name": k, "type": 3, "value": v})
	}
	return subcommand(id, m, name, sub, opts)
}
