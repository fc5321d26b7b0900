package discordtest

// Payload builders for the moderators' commands and the rating components.

// Subcommand is an INTERACTION_CREATE payload for a subcommand of a command group,
// with integer options.
func Subcommand(id string, m Member, name, sub string, options map[string]int) map[string]any {
	opts := []any{}
	for k, v := range options {
		opts = append(opts, map[string]any{"name": k, "type": 4, "value": v})
	}
	return subcommand(id, m, name, sub, opts)
}

// subcommand is an INTERACTION_CREATE payload for a subcommand with options.
func subcommand(id string, m Member, name, sub string, opts []any) map[string]any {
	return interaction(id, 2, m, map[string]any{"id": "cmd-" + name, "name": name, "type": 1,
		"options": []any{map[string]any{"name": sub, "type": 1, "options": opts}}})
}

// ModalSubmit is an INTERACTION_CREATE payload for a submitted modal, with the value
// of each text input.
func ModalSubmit(id string, m Member, customID string, inputs map[string]string) map[string]any {
	rows := []any{}
	for k, v := range inputs {
		rows = append(rows, map[string]any{"type": 1, "components": []any{
			map[string]any{"type": 4, "custom_id": k, "value": v}}})
	}
	return interaction(id, 5, m, map[string]any{"custom_id": customID, "components": rows})
}

// OnMessage sets the message a component or modal interaction came from: the bot's
// message with id and embeds (as the bot sent them).
func OnMessage(payload map[string]any, id string, embeds any) map[string]any {
	payload["message"] = map[string]any{
		"id": id, "channel_id": ChannelID, "type": 0, "content": "", "embeds": embeds, "timestamp": "2026-01-01T00:00:00Z",
		"author": map[string]any{"id": BotID, "username": "faqbot", "bot": true},
	}
	return payload
}
