package endpoint_test

import (
	"context"
	"errors"
	"log/slog"
	"net/http"
	"os"
	"os/signal"
	"sync"
	"syscall"

	"github.com/prometheus/client_golang/prometheus"

	"github.com/faqbot/faqbot/internal/discord"
	"github.com/faqbot/faqbot/internal/discord/endpoint"
	"github.com/faqbot/faqbot/internal/engine"
	"github.com/faqbot/faqbot/internal/metrics"
)

// Example shows how `faqbot serve` wires the endpoint: HTTP_ADDR, DISCORD_PUBLIC_KEY,
// INTERACTIONS_PATH and METRICS_ADDR from the environment.
func Example() {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()
	log := slog.New(slog.NewJSONHandler(os.Stderr, nil))
	getenv := os.Getenv

	reg := prometheus.NewRegistry()
	m := metrics.New(reg)
	eng, err := engine.Open(ctx, engine.Config{ContentDir: "content", IndexDir: "index"}, log)
	if err != nil {
		log.Error("open engine", "err", err)
		return
	}
	defer eng.Close()
	dcfg, err := discord.ConfigFromEnv(getenv)
	if err != nil {
		log.Error("config", "err", err)
		return
	}
	sess, err := discord.NewSession(dcfg, log)
	if err != nil {
		log.Error("session", "err", err)
		return
	}
	bot := discord.New(dcfg, m.Wrap(eng), sess, log)
	defer bot.Wait()

	h, err := endpoint.New(endpoint.Config{
		PublicKey: getenv("DISCORD_PUBLIC_KEY"),
		Path:      getenv("INTERACTIONS_PATH"), // empty: endpoint.DefaultPath
	}, bot, eng.Ready, reg, log)
	if err != nil {
		log.Error("endpoint", "err", err)
		return
	}
	defer h.Wait() // runs before bot.Wait and eng.Close

	// One server failing (address in use) stops the other too.
	sctx, cancel := context.WithCancel(ctx)
	defer cancel()
	var wg sync.WaitGroup
	errs := make(chan error, 2)
	serve := func(addr string, handler http.Handler) {
		wg.Go(func() {
			if err := endpoint.ListenAndServe(sctx, addr, handler, log); err != nil {
				errs <- err
				cancel()
			}
		})
	}
	if addr := getenv("METRICS_ADDR"); addr != "" {
		serve(getenv("HTTP_ADDR"), h.Public())
		serve(addr, h.Operations())
	} else {
		serve(getenv("HTTP_ADDR"), h)
	}
	wg.Wait()
	close(errs)
	var all []error
	for err := range errs {
		all = append(all, err)
	}
	if err := errors.Join(all...); err != nil {
		log.Error("serve", "err", err)
	}
}
