package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"log/slog"

	"github.com/faqbot/faqbot/internal/engine"
)

const usage = `faqbot answers questions from the FAQ and article content in content/.

Usage:
  faqbot ask [-json] [-content DIR] [-index DIR] [QUESTION...]
        answer the question given as arguments, or each line of standard input
  faqbot index [-content DIR] [-index DIR]
        build the index from the content and switch to it
  faqbot serve [-content DIR] [-index DIR]
        run the Discord bot (gateway and/or HTTP interactions endpoint)
  faqbot import -from FILE [-out DIR] [-force]
        turn a CSV or JSON Lines FAQ into content files

Configuration comes from flags, then the environment, then .env, then defaults;
.env.example lists every variable.
`

// errUsage marks an error in how faqbot was called.
var errUsage = errors.New("usage")

// run is faqbot's main, with the process's surroundings passed in so tests can
// call it like a function.
func run(ctx context.Context, args []string, getenv func(string) string, stdin io.Reader, stdout, stderr io.Writer) error {
	if len(args) == 0 {
		fmt.Fprint(stderr, usage)
		return fmt.Errorf("%w: no command given", errUsage)
	}
	s, err := loadSettings(getenv)
	if err != nil {
		return err
	}
	cmd, args := args[0], args[1:]
	switch cmd {
	case "ask":
		return runAsk(ctx, s, args, stdin, stdout, stderr)
	case "index":
		return runIndex(ctx, s, args, stdout, stderr)
	case "serve":
		return runServe(ctx, s, args, stdout, stderr)
	case "import":
		return runImport(ctx, s, args, stdout, stderr)
	case "help", "-h", "-help", "--help":
		fmt.Fprint(stdout, usage)
		return nil
	}
	fmt.Fprint(stderr, usage)
	return fmt.Errorf("%w: unknown command %q", errUsage, cmd)
}

// engineFlags are the flags every command that uses the index shares.
type engineFlags struct {
	content, index string
}

func addEngineFlags(fs *flag.FlagSet, s *settings) *engineFlags {
	f := &engineFlags{}
	fs.StringVar(&f.content, "content", s.get("CONTENT_DIR", "content"), "content `directory` (CONTENT_DIR)")
	fs.StringVar(&f.index, "index", s.get("INDEX_DIR", "index"), "index `directory` (INDEX_DIR)")
	return f
}

// engineConfig builds the engine's configuration from flags and settings.
func engineConfig(s *settings, f *engineFlags) (engine.Config, error) {
	cov, err := s.float("ANSWER_MIN_COVERAGE", 0)
	if err != nil {
		return engine.Config{}, err
	}
	return engine.Config{
		ContentDir:  f.content,
		IndexDir:    f.index,
		Disclaimer:  s.get("DISCLAIMER", ""),
		CrisisText:  s.get("CRISIS_MESSAGE", ""),
		MinCoverage: cov,
	}, nil
}

// newLogger returns the process's structured logger, writing to w.
func newLogger(s *settings, w io.Writer, def slog.Level) (*slog.Logger, error) {
	level, err := s.logLevel(def)
	if err != nil {
		return nil, err
	}
	opts := &slog.HandlerOptions{Level: level}
	if s.get("LOG_FORMAT", "text") == "json" {
		return slog.New(slog.NewJSONHandler(w, opts)), nil
	}
	return slog.New(slog.NewTextHandler(w, opts)), nil
}

// parseFlags parses args, printing errors and usage to stderr.
func parseFlags(fs *flag.FlagSet, args []string, stderr io.Writer) error {
	fs.SetOutput(stderr)
	if err := fs.Parse(args); err != nil {
		if errors.Is(err, flag.ErrHelp) {
			return err
		}
		return fmt.Errorf("%w: %v", errUsage, err)
	}
	return nil
}
