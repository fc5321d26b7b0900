package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"log/slog"
	"net/http"
	"sync"
	"time"

	"github.com/prometheus/client_golang/prometheus"
	"github.com/prometheus/client_golang/prometheus/collectors"

	"github.com/faqbot/faqbot/internal/discord"
	"github.com/faqbot/faqbot/internal/discord/endpoint"
	"github.com/faqbot/faqbot/internal/engine"
	"github.com/faqbot/faqbot/internal/metrics"
)

// errNoTransport is returned by serve when neither the gateway nor the HTTP
// endpoint is configured.
var errNoTransport = errors.New("nothing to serve: set DISCORD_TOKEN to connect to Discord's gateway, " +
	"and/or HTTP_ADDR and DISCORD_PUBLIC_KEY to serve the HTTP interactions endpoint (see .env.example)")

// serveConfig is what `faqbot serve` runs.
type serveConfig struct {
	discord     discord.Config
	httpAddr    string
	metricsAddr string
	endpoint    endpoint.Config
	watch       time.Duration
	gateway     bool
}

func loadServeConfig(s *settings) (serveConfig, error) {
	var c serveConfig
	var err error
	if c.discord, err = discord.ConfigFromEnv(func(k string) string { return s.get(k, "") }); err != nil {
		return c, err
	}
	c.httpAddr = s.get("HTTP_ADDR", "")
	c.metricsAddr = s.get("METRICS_ADDR", "")
	c.endpoint = endpoint.Config{PublicKey: s.get("DISCORD_PUBLIC_KEY", ""), Path: s.get("HTTP_PATH", "")}
	if c.watch, err = s.duration("CONTENT_WATCH", 0); err != nil {
		return c, err
	}
	// With a token the gateway is on unless switched off: replicas behind a load
	// balancer need the token (commands, /reindex edits) but only one gateway.
	if c.gateway, err = s.bool("DISCORD_GATEWAY", c.discord.Token != ""); err != nil {
		return c, err
	}
	switch {
	case c.discord.Token == "" && c.httpAddr == "":
		return c, errNoTransport
	case c.gateway && c.discord.Token == "":
		return c, errors.New("DISCORD_GATEWAY is on but DISCORD_TOKEN is not set")
	case !c.gateway && c.httpAddr == "":
		return c, errors.New("DISCORD_GATEWAY is off and HTTP_ADDR is not set: " + errNoTransport.Error())
	case c.httpAddr != "" && c.endpoint.PublicKey == "":
		return c, errors.New("HTTP_ADDR is set but DISCORD_PUBLIC_KEY is not: copy the public key from the developer portal (General Information)")
	case c.metricsAddr != "" && c.httpAddr == "":
		return c, errors.New("METRICS_ADDR needs HTTP_ADDR: metrics are served next to the interactions endpoint")
	}
	return c, nil
}

// runServe runs the bot: the HTTP endpoint (if configured) starts first so that
// /healthz answers while the index loads; then the index is opened (built if
// needed), then the gateway connects. It stops on SIGINT/SIGTERM after in-flight
// replies finish.
func runServe(ctx context.Context, s *settings, args []string, stdout, stderr io.Writer) error {
	fs := flag.NewFlagSet("serve", flag.ContinueOnError)
	ef := addEngineFlags(fs, s)
	if err := parseFlags(fs, args, stderr); err != nil {
		return err
	}
	if fs.NArg() > 0 {
		return fmt.Errorf("%w: serve takes no arguments, got %q", errUsage, fs.Args())
	}
	sc, err := loadServeConfig(s)
	if err != nil {
		return fmt.Errorf("serve: %w", err)
	}
	ecfg, err := engineConfig(s, ef)
	if err != nil {
		return err
	}
	log, err := newLogger(s, stderr, slog.LevelInfo)
	if err != nil {
		return err
	}
	discord.RouteLibraryLogs(log)

	reg := prometheus.NewRegistry()
	reg.MustRegister(collectors.NewGoCollector(), collectors.NewProcessCollector(collectors.ProcessCollectorOpts{}))
	m := metrics.New(reg)
	eng := &lateEngine{}
	sess, err := discord.NewSession(sc.discord, log)
	if err != nil {
		return err
	}
	bot := discord.New(sc.discord, eng, sess, log)

	ctx, cancel := context.WithCancel(ctx)
	defer cancel()
	var wg sync.WaitGroup
	errs := make(chan error, 4)
	run := func(name string, f func() error) {
		wg.Add(1)
		go func() {
			defer wg.Done()
			if err := f(); err != nil {
				errs <- fmt.Errorf("%s: %w", name, err)
				cancel()
			}
		}()
	}

	var h *endpoint.Handler
	if sc.httpAddr != "" {
		if h, err = endpoint.New(sc.endpoint, bot, eng.Ready, reg, log); err != nil {
			return err
		}
		var public http.Handler = h
		if sc.metricsAddr != "" {
			public = h.Public()
			run("metrics", func() error { return endpoint.ListenAndServe(ctx, sc.metricsAddr, h.Operations(), log) })
		}
		run("http", func() error { return endpoint.ListenAndServe(ctx, sc.httpAddr, public, log) })
	}

	e, err := engine.Open(ctx, ecfg, log)
	if err != nil {
		cancel()
		wg.Wait()
		return err
	}
	defer e.Close()
	inst := m.Wrap(e)
	eng.set(inst)
	docs, passages := e.Stats()
	log.Info("index loaded", "documents", docs, "passages", passages)

	if sc.gateway {
		run("gateway", func() error { return bot.ServeGateway(ctx, sess) })
	}
	if sc.watch > 0 {
		run("watch", func() error { watchContent(ctx, e, ecfg.ContentDir, inst, sc.watch, log); return nil })
	}
	<-ctx.Done()
	wg.Wait()
	if h != nil {
		h.Wait()
	}
	bot.Wait()
	close(errs)
	var all []error
	for err := range errs {
		all = append(all, err)
	}
	log.Info("stopped")
	return errors.Join(all...)
}
