package main

import (
	"context"
	"crypto/ed25519"
	"encoding/hex"
	"fmt"
	"io"
	"log/slog"
	"net"
	"os"
	"sort"
	"strings"
	"sync"

	"github.com/prometheus/client_golang/prometheus"

	"github.com/faqbot/faqbot/internal/discord"
	"github.com/faqbot/faqbot/internal/discord/endpoint"
	"github.com/faqbot/faqbot/internal/engine"
	"github.com/faqbot/faqbot/internal/faq"
	"github.com/faqbot/faqbot/internal/metrics"
)

// inProcess is an endpoint started by faqload itself, wired as `faqbot serve` wires it:
// endpoint -> discord.Bot -> metrics -> engine.
type inProcess struct {
	url  string
	stop func()
	reg  *prometheus.Registry
}

// kinds returns how many questions the engine answered of each kind, from the metrics.
func (p *inProcess) kinds() string {
	mfs, err := p.reg.Gather()
	if err != nil {
		return err.Error()
	}
	var parts []string
	for _, mf := range mfs {
		if mf.GetName() != "faqbot_questions_total" {
			continue
		}
		for _, m := range mf.GetMetric() {
			for _, l := range m.GetLabel() {
				if l.GetName() == "kind" && m.GetCounter().GetValue() > 0 {
					parts = append(parts, fmt.Sprintf("%s %.0f", l.GetValue(), m.GetCounter().GetValue()))
				}
			}
		}
	}
	sort.Strings(parts)
	return strings.Join(parts, ", ")
}

// startInProcess builds an index of o.content in a temporary directory and serves the
// interactions endpoint on a loopback port, verifying with pub. The bot logs at Info
// level into io.Discard (the formatting is paid, the writes are not), or with -v at
// Warn level to stderr.
func startInProcess(ctx context.Context, o options, pub ed25519.PublicKey, stderr io.Writer) (*inProcess, error) {
	out, level := io.Discard, slog.LevelInfo
	if o.verbose {
		out, level = stderr, slog.LevelWarn
	}
	log := slog.New(slog.NewJSONHandler(out, &slog.HandlerOptions{Level: level}))

	indexDir, err := os.MkdirTemp("", "faqload-index-")
	if err != nil {
		return nil, fmt.Errorf("create index directory: %w", err)
	}
	eng, err := engine.Open(ctx, engine.Config{ContentDir: o.content, IndexDir: indexDir}, log)
	if err != nil {
		os.RemoveAll(indexDir)
		return nil, fmt.Errorf("open engine over %s: %w", o.content, err)
	}
	reg := prometheus.NewRegistry()
	m := metrics.New(reg)
	// /ask makes no REST calls; the API URL points nowhere so that nothing reaches discord.com.
	dcfg := discord.Config{Token: "faqload", AppID: "load-app", APIURL: "http://127.0.0.1:1/api/v9"}
	sess, err := discord.NewSession(dcfg, log)
	if err != nil {
		eng.Close()
		os.RemoveAll(indexDir)
		return nil, err
	}
	var answerer discord.Engine = eng
	if o.memo {
		answerer = &memoEngine{Engine: eng}
	}
	bot := discord.New(dcfg, m.Wrap(answerer), sess, log)
	h, err := endpoint.New(endpoint.Config{PublicKey: hex.EncodeToString(pub)}, bot, eng.Ready, reg, log)
	if err != nil {
		eng.Close()
		os.RemoveAll(indexDir)
		return nil, err
	}
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		eng.Close()
		os.RemoveAll(indexDir)
		return nil, fmt.Errorf("listen on loopback: %w", err)
	}
	sctx, cancel := context.WithCancel(ctx)
	done := make(chan error, 1)
	go func() { done <- endpoint.Serve(sctx, ln, h, log) }()
	stop := func() {
		cancel()
		if err := <-done; err != nil {
			fmt.Fprintln(stderr, "faqload: endpoint:", err)
		}
		h.Wait()
		bot.Wait()
		eng.Close()
		os.RemoveAll(indexDir)
	}
	return &inProcess{url: "http://" + ln.Addr().String() + endpoint.DefaultPath, stop: stop, reg: reg}, nil
}

// memoEngine answers each distinct question once with the engine and replays the answer
// after: with -memo, a run measures everything except the search.
type memoEngine struct {
	*engine.Engine
	answers sync.Map // question -> faq.Answer
}

// Answer returns the remembered answer to question, asking the engine the first time.
func (m *memoEngine) Answer(ctx context.Context, question string) (faq.Answer, error) {
	if a, ok := m.answers.Load(question); ok {
		return a.(faq.Answer), nil
	}
	a, err := m.Engine.Answer(ctx, question)
	if err == nil {
		m.answers.Store(question, a)
	}
	return a, err
}
