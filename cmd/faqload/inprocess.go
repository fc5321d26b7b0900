package main

import (
	"context"
	"crypto/ed25519"
	"encoding/hex"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"net"
	"net/http"
	"os"
	"sort"
	"strings"
	"time"

	"github.com/prometheus/client_golang/prometheus"

	"github.com/faqbot/faqbot/internal/discord"
	"github.com/faqbot/faqbot/internal/discord/endpoint"
	"github.com/faqbot/faqbot/internal/index"
	"github.com/faqbot/faqbot/internal/serve"
)

// inProcess is an endpoint started by faqload itself, wired by serve.Run as `faqbot
// serve` wires it.
type inProcess struct {
	url  string
	stop func()
	reg  *prometheus.Registry
}

// kinds returns how many questions the service answered of each kind, from the metrics.
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

// startInProcess serves the interactions endpoint on a loopback port with serve.Run,
// exactly as `faqbot serve` runs it, over an index of o.content built in a temporary
// directory, verifying with pub. It returns once /healthz says the index is in
// service. The bot logs at Info level into io.Discard (the formatting is paid, the
// writes are not), or with -v at Warn level to stderr.
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
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		os.RemoveAll(indexDir)
		return nil, fmt.Errorf("listen on loopback: %w", err)
	}
	reg := prometheus.NewRegistry()
	cfg := serve.Config{
		Index: index.Config{ContentDir: o.content, IndexDir: indexDir, AnswerCache: o.answerCache},
		// /ask makes no REST calls; the API URL points nowhere so that nothing reaches
		// discord.com, and no commands are registered.
		Discord: discord.Config{Token: "faqload", AppID: "load-app", APIURL: "http://127.0.0.1:1/api/v9",
			RegisterCommands: new(false)},
		Endpoint: endpoint.Config{PublicKey: hex.EncodeToString(pub)},
		Listener: ln,
		Registry: reg,
	}
	sctx, cancel := context.WithCancel(ctx)
	done := make(chan error, 1)
	go func() { done <- serve.Run(sctx, cfg, log) }()
	stop := func() {
		cancel()
		if err := <-done; err != nil {
			fmt.Fprintln(stderr, "faqload: serve:", err)
		}
		os.RemoveAll(indexDir)
	}
	base := "http://" + ln.Addr().String()
	if err := awaitReady(ctx, base+serve.PathHealth, done); err != nil {
		cancel()
		os.RemoveAll(indexDir)
		return nil, fmt.Errorf("start the endpoint over %s: %w", o.content, err)
	}
	return &inProcess{url: base + endpoint.DefaultPath, stop: stop, reg: reg}, nil
}

// awaitReady polls the health URL until it says ready, serving ends (done), or ctx ends.
func awaitReady(ctx context.Context, url string, done <-chan error) error {
	tick := time.NewTicker(20 * time.Millisecond)
	defer tick.Stop()
	for {
		resp, err := http.Get(url)
		if err == nil {
			resp.Body.Close()
			if resp.StatusCode == http.StatusOK {
				return nil
			}
		}
		select {
		case err := <-done:
			if err == nil {
				err = errors.New("stopped before the index was loaded")
			}
			return err
		case <-ctx.Done():
			return ctx.Err()
		case <-tick.C:
		}
	}
}

// refusals returns how many questions the service refused, from the metrics.
func (p *inProcess) refusals() float64 {
	mfs, err := p.reg.Gather()
	if err != nil {
		return -1
	}
	var n float64
	for _, mf := range mfs {
		if mf.GetName() == "faqbot_refusals_total" {
			for _, m := range mf.GetMetric() {
				n += m.GetCounter().GetValue()
			}
		}
	}
	return n
}
