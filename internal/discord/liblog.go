package discord

import (
	"context"
	"fmt"
	"log/slog"

	"github.com/bwmarrin/discordgo"
)

// RouteLibraryLogs sends discordgo's own log lines (gateway read errors, failed
// reconnect attempts) to log instead of the standard logger. discordgo offers only a
// process-wide hook for this, so call it once from main, before Serve; sessions made by
// NewSession log warnings and errors. Tokens in URLs are redacted.
func RouteLibraryLogs(log *slog.Logger) {
	discordgo.Logger = libraryLogger(log)
}

// libraryLogger adapts log to discordgo's logging hook.
func libraryLogger(log *slog.Logger) func(msgL, caller int, format string, a ...any) {
	return func(msgL, _ int, format string, a ...any) {
		level := slog.LevelDebug
		switch msgL {
		case discordgo.LogError:
			level = slog.LevelError
		case discordgo.LogWarning:
			level = slog.LevelWarn
		case discordgo.LogInformational:
			level = slog.LevelInfo
		}
		log.Log(context.Background(), level, "discordgo: "+redact(fmt.Sprintf(format, a...)))
	}
}
