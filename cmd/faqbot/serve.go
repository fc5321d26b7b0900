package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"log/slog"

	"github.com/faqbot/faqbot/internal/discord"
	"github.com/faqbot/faqbot/internal/discord/endpoint"
	"github.com/faqbot/faqbot/internal/index"
	"github.com/faqbot/faqbot/internal/serve"
)

// errNoTransport is returned by serve when neither the gateway nor the HTTP
// endpoint is configured.
var errNoTransport = errors.New("nothing to serve: set DISCORD_TOKEN to connect to Discord's gateway, " +
	"and/or HTTP_ADDR and DISCORD_PUBLIC_KEY to serve the HTTP interactions endpoint (see .env.example)")

// loadServeConfig reads what `faqbot serve` runs from the settings.
func loadServeConfig(s *settings, f *indexFlags) (serve.Config, error) {
	c := serve.Config{Index: index.Config{ContentDir: f.content, IndexDir: f.index}}
	if err := indexConfig(s, &c.Index); err != nil {
		return c, err
	}
	var err error
	if c.Discord, err = discord.ConfigFromEnv(func(k string) string { return s.get(k, "") }); err != nil {
		return c, err
	}
	if err := answerConfig(s, &c); err != nil {
		return c, err
	}
	if err := questionLogConfig(s, &c); err != nil {
		return c, err
	}
	c.HTTPAddr = s.get("HTTP_ADDR", "")
	c.HTTPPath = s.get("HTTP_PATH", endpoint.DefaultPath)
	c.MetricsAddr = s.get("METRICS_ADDR", "")
	c.Endpoint = endpoint.Config{PublicKey: s.get("DISCORD_PUBLIC_KEY", "")}
	if c.Watch, err = s.duration("CONTENT_WATCH", 0); err != nil {
		return c, err
	}
	// With a token the gateway is on unless switched off: replicas behind a load
	// balancer need the token (commands, /reindex edits) but only one gateway.
	if c.Gateway, err = s.bool("DISCORD_GATEWAY", c.Discord.Token != ""); err != nil {
		return c, err
	}
	switch {
	case c.Discord.Token == "" && c.HTTPAddr == "":
		return c, errNoTransport
	case c.Gateway && c.Discord.Token == "":
		return c, errors.New("DISCORD_GATEWAY is on but DISCORD_TOKEN is not set")
	case !c.Gateway && c.HTTPAddr == "":
		return c, errors.New("DISCORD_GATEWAY is off and HTTP_ADDR is not set: " + errNoTransport.Error())
	case c.HTTPAddr != "" && c.Endpoint.PublicKey == "":
		return c, errors.New("HTTP_ADDR is set but DISCORD_PUBLIC_KEY is not: copy the public key from the developer portal (General Information)")
	case c.HTTPPath == "" || c.HTTPPath[0] != '/' || c.HTTPPath == serve.PathHealth || c.HTTPPath == serve.PathMetrics:
		return c, fmt.Errorf("HTTP_PATH=%q: want a path starting with / other than %s and %s", c.HTTPPath, serve.PathHealth, serve.PathMetrics)
	}
	return c, nil
}

// runServe runs the bot until SIGINT/SIGTERM (see serve.Run).
func runServe(ctx context.Context, s *settings, args []string, stdout, stderr io.Writer) error {
	fs := flag.NewFlagSet("serve", flag.ContinueOnError)
	f := addIndexFlags(fs, s)
	if err := parseNoArgs(fs, args, stderr); err != nil {
		return err
	}
	cfg, err := loadServeConfig(s, f)
	if err != nil {
		return fmt.Errorf("serve: %w", err)
	}
	log, err := newLogger(s, stderr, slog.LevelInfo)
	if err != nil {
		return err
	}
	discord.RouteLibraryLogs(log)
	return describe(serve.Run(ctx, cfg, log))
}
