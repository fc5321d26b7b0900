package main

import (
	"context"
	"flag"
	"fmt"
	"io"
	"log/slog"
	"time"

	"github.com/faqbot/faqbot/internal/engine"
)

func runIndex(ctx context.Context, s *settings, args []string, stdout, stderr io.Writer) error {
	fs := flag.NewFlagSet("index", flag.ContinueOnError)
	ef := addEngineFlags(fs, s)
	if err := parseFlags(fs, args, stderr); err != nil {
		return err
	}
	if fs.NArg() > 0 {
		return fmt.Errorf("%w: index takes no arguments, got %q", errUsage, fs.Args())
	}
	log, err := newLogger(s, stderr, slog.LevelWarn)
	if err != nil {
		return err
	}
	cfg, err := engineConfig(s, ef)
	if err != nil {
		return err
	}
	eng, err := engine.New(cfg, log)
	if err != nil {
		return err
	}
	defer eng.Close()
	r, err := eng.Reindex(ctx)
	if err != nil {
		return err
	}
	fmt.Fprintf(stdout, "indexed %d documents, %d passages in %s (added %d, removed %d, changed %d)\n",
		r.Documents, r.Passages, r.Duration.Round(time.Millisecond), len(r.Added), len(r.Removed), len(r.Changed))
	return nil
}
