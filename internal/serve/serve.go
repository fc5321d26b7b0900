// Package serve wires and runs what `faqbot serve` runs: the index over the content,
// the answering service with its observers, the Discord gateway bot, the HTTP
// interactions endpoint and the operations HTTP server (/healthz, /metrics). It is
// the one place that knows every package, shared by cmd/faqbot and cmd/faqload so
// that the load tool measures exactly what serves.
package serve

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"net"
	"sync"
	"time"

	"github.com/prometheus/client_golang/prometheus"
	"github.com/prometheus/client_golang/prometheus/collectors"

	"github.com/faqbot/faqbot/internal/answer"
	"github.com/faqbot/faqbot/internal/discord"
	"github.com/faqbot/faqbot/internal/discord/endpoint"
	"github.com/faqbot/faqbot/internal/faq"
	"github.com/faqbot/faqbot/internal/index"
	"github.com/faqbot/faqbot/internal/metrics"
	"github.com/faqbot/faqbot/internal/questionlog"
	"github.com/faqbot/faqbot/internal/questionlog/logdb"
	"github.com/faqbot/faqbot/internal/search"
)

// Config is everything `faqbot serve` runs. The zero value of a field means its
// default, or that the part it configures is off.
type Config struct {
	Index index.Config
	// Ranking configures the search backend; Backend, when set, replaces it (another
	// ranker, or a test's).
	Ranking search.Options
	Backend index.Backend
	// SkipChecks builds without the must-answer checks: for tools measuring the
	// build alone, and test fixtures of content that does not pass them (MedQuAD).
	SkipChecks bool
	Answer     answer.Config
	Discord    discord.Config
	// Gateway connects the bot to Discord's gateway (needs Discord.Token).
	Gateway bool
	// Endpoint configures the HTTP interactions endpoint, served at HTTPPath on
	// HTTPAddr (or Listener) when Endpoint.PublicKey is set.
	Endpoint endpoint.Config
	HTTPAddr string
	HTTPPath string
	// Listener, when set, is used instead of listening on HTTPAddr.
	Listener net.Listener
	// MetricsAddr serves /healthz and /metrics on an address of their own (and
	// /metrics is then not on HTTPAddr); it works without HTTPAddr, for a
	// gateway-only bot. MetricsListener, when set, is used instead.
	MetricsAddr     string
	MetricsListener net.Listener
	// Watch polls the content this often and reindexes when it changed; 0 is off.
	Watch time.Duration
	// Registry receives the metrics (a new one when nil).
	Registry *prometheus.Registry
	// Observers receive the service's events besides the metrics.
	Observers []faq.Observer
	// Database keeps the question log (/faq-admin, faqbot report), written as
	// QuestionLog says; the zero value keeps none.
	Database    logdb.Config
	QuestionLog questionlog.Config
}

// Service is the answering service with the index under it: what Run serves, and
// what the command line asks and reindexes.
type Service struct {
	*answer.Service
	Store *index.Store
}

// NewService returns the answering service over the index cfg.Index describes, with
// the ranker cfg.Backend (search's by default), reporting to obs; every build the
// index makes goes through the service's must-answer checks (answer.Service.Gate)
// unless cfg.SkipChecks. No build is in service yet: Store.Load or Store.Open puts
// one there.
func NewService(cfg Config, obs faq.Observer, log *slog.Logger) (*Service, error) {
	backend := cfg.Backend
	if backend == nil {
		backend = search.Backend{Options: cfg.Ranking}
	}
	store, err := index.New(cfg.Index, backend, log)
	if err != nil {
		return nil, err
	}
	svc := answer.New(cfg.Answer, store, obs, log)
	if !cfg.SkipChecks {
		// Every build is judged by the service's own decision before it serves.
		store.SetGate(svc.Gate)
	}
	return &Service{Service: svc, Store: store}, nil
}

// Run serves until ctx is done. The HTTP servers start first, so that /healthz says
// "not ready" while the index loads (or is built, when the content changed); the
// commands are registered if this process is the one to (Discord.RegistersCommands);
// then the gateway connects. While Discord cannot be reached, the registration and
// the gateway are tried again with backoff and the HTTP servers keep serving; a
// token Discord refuses stops Run. At the end it stops taking new work, lets in-flight replies
// finish and closes the index.
func Run(ctx context.Context, cfg Config, log *slog.Logger) error {
	reg := cfg.Registry
	if reg == nil {
		reg = prometheus.NewRegistry()
		reg.MustRegister(collectors.NewGoCollector(), collectors.NewProcessCollector(collectors.ProcessCollectorOpts{}))
	}
	var svc *Service // the metrics' gauges read its status when scraped, once it exists
	m := metrics.New(reg, func() faq.Status { return svc.Status() })
	observers := append([]faq.Observer{m}, cfg.Observers...)
	if cfg.Database != (logdb.Config{}) {
		ql, err := openLog(ctx, &cfg, reg, log)
		if err != nil {
			return err
		}
		defer ql.close(log) // after the last reply: what they observed gets written
		observers = append(observers, ql.log)
		cfg.Discord.Reports = ql.db
		cfg.Discord.Switches = ql.db
	}
	svc, err := NewService(cfg, faq.Observers(observers), log)
	if err != nil {
		return err
	}
	store := svc.Store
	defer store.Close()
	cfg.Discord.MaxQuestion = svc.MaxQuestion()
	sess, err := discord.NewSession(cfg.Discord, log)
	if err != nil {
		return err
	}
	bot := discord.New(cfg.Discord, svc, sess, log)

	ctx, cancel := context.WithCancel(ctx)
	defer cancel()
	var wg sync.WaitGroup
	errs := make(chan error, 4)
	run := func(name string, f func() error) {
		wg.Go(func() {
			if err := f(); err != nil {
				errs <- fmt.Errorf("%s: %w", name, err)
				cancel()
			}
		})
	}
	r := routes{status: svc.Status, metrics: metricsHandler(reg), path: cfg.HTTPPath}
	var h *endpoint.Handler
	if cfg.Endpoint.PublicKey != "" {
		if h, err = endpoint.New(cfg.Endpoint, bot, log); err != nil {
			return err
		}
		r.interactions = h
		if r.path == "" {
			r.path = endpoint.DefaultPath
		}
	}
	separateMetrics := cfg.MetricsAddr != "" || cfg.MetricsListener != nil
	if cfg.HTTPAddr != "" || cfg.Listener != nil {
		ln, err := listen(ctx, cfg.Listener, cfg.HTTPAddr)
		if err != nil {
			return err
		}
		run("http", func() error { return serveHTTP(ctx, ln, r.mux(true, !separateMetrics), log) })
	}
	if separateMetrics {
		ln, err := listen(ctx, cfg.MetricsListener, cfg.MetricsAddr)
		if err != nil {
			cancel()
			wg.Wait()
			return err
		}
		run("metrics", func() error { return serveHTTP(ctx, ln, r.mux(false, true), log) })
	}

	// Commands are registered by one process of a deployment, whatever transports it
	// runs: the one with the gateway's shard 0, or one without a gateway. It is done
	// before the index loads, so that a process saying it is ready has done it.
	// Discord out of reach does not stop the rest: the registration is tried again
	// in the background (and the gateway keeps trying to connect, ServeGateway).
	if cfg.Discord.RegistersCommands(cfg.Gateway) {
		if err := bot.RegisterCommands(sess); discord.Permanent(err) {
			cancel()
			wg.Wait()
			return err
		} else if err != nil {
			log.Warn("cannot reach Discord to register the commands; trying again in the background", "err", err)
			run("register commands", func() error {
				return bot.Retry(ctx, "register the commands", func() error { return bot.RegisterCommands(sess) })
			})
		}
	}
	if err := store.Load(ctx); err != nil {
		cancel()
		wg.Wait()
		return err
	}
	st := svc.Status()
	log.Info("index loaded", "documents", st.Documents, "passages", st.Passages)

	if cfg.Gateway {
		run("gateway", func() error { return bot.ServeGateway(ctx, sess) })
	}
	if cfg.Watch > 0 {
		run("watch", func() error {
			store.Watch(ctx, cfg.Watch, func(ctx context.Context) error {
				_, err := svc.Reindex(ctx, faq.ReindexRequest{Origin: faq.Origin{Transport: faq.TransportWatch}})
				return err
			})
			return nil
		})
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
