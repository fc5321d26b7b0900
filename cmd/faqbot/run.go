package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"log/slog"

	"github.com/faqbot/faqbot/internal/faq"
	"github.com/faqbot/faqbot/internal/index"
	"github.com/faqbot/faqbot/internal/serve"
)

const usage = `faqbot answers questions from the FAQ and article content in content/.

Usage:
  faqbot ask [-json] [-explain] [-content DIR] [-index DIR] [QUESTION...]
        answer the question given as arguments, or each line of standard input
  faqbot index [-force] [-content DIR] [-index DIR]
        build the index from the content, check it and switch to it; -force
        switches even when must-answer checks fail
  faqbot check [-content DIR]
        read the content and run its must-answer checks against a build of its
        own, switching nothing; list documents overdue for review; exit 1 on
        any problem or failed check
  faqbot rollback [-content DIR] [-index DIR]
        put the build before the one in service back in service
  faqbot serve [-content DIR] [-index DIR]
        run the Discord bot (gateway and/or HTTP interactions endpoint)
  faqbot import -from FILE [-out DIR] [-force]
        turn a CSV or JSON Lines FAQ into content files
  faqbot report [-days N] [-format text|csv|json] [-suggest] [-server ID] [-content DIR]
        what the bot could not answer and how its answers were rated, from the
        question log serve keeps (DATA_DIR or DATABASE_URL); -suggest prints
        "Also asked:" lines per FAQ entry
  faqbot forget -server ID
        delete every record of one Discord server from the question log

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
	case "check":
		return runCheck(ctx, s, args, stdout, stderr)
	case "rollback":
		return runRollback(ctx, s, args, stdout, stderr)
	case "serve":
		return runServe(ctx, s, args, stdout, stderr)
	case "import":
		return runImport(ctx, s, args, stdout, stderr)
	case "report":
		return runReport(ctx, s, args, stdout, stderr)
	case "forget":
		return runForget(ctx, s, args, stdout, stderr)
	case "help", "-h", "-help", "--help":
		fmt.Fprint(stdout, usage)
		return nil
	}
	fmt.Fprint(stderr, usage)
	return fmt.Errorf("%w: unknown command %q", errUsage, cmd)
}

// indexFlags are the flags every command that uses the index shares.
type indexFlags struct {
	content, index string
}

func addIndexFlags(fs *flag.FlagSet, s *settings) *indexFlags {
	f := &indexFlags{}
	fs.StringVar(&f.content, "content", s.get("CONTENT_DIR", "content"), "content `directory` (CONTENT_DIR)")
	fs.StringVar(&f.index, "index", s.get("INDEX_DIR", "index"), "index `directory` (INDEX_DIR)")
	return f
}

// openService returns the answering service over the index in f.index, opened but
// not loaded: the caller puts a build in service (Store.Load or Store.Open). The
// commands that use it answer a few questions or build and exit: the index's
// caches are not warmed in the background.
func openService(s *settings, f *indexFlags, log *slog.Logger) (*serve.Service, error) {
	cfg := serve.Config{Index: index.Config{ContentDir: f.content, IndexDir: f.index, NoWarm: true}}
	if err := indexConfig(s, &cfg.Index); err != nil {
		return nil, err
	}
	if err := answerConfig(s, &cfg); err != nil {
		return nil, err
	}
	return serve.NewService(cfg, nil, log)
}

// indexConfig reads how the index keeps its builds into cfg.
func indexConfig(s *settings, cfg *index.Config) error {
	var err error
	if cfg.KeepBuilds, err = s.int("KEEP_BUILDS", index.DefaultKeepBuilds); err != nil {
		return err
	}
	if cfg.KeepBuilds < 1 {
		return fmt.Errorf("KEEP_BUILDS=%d: keep at least 1 build (the one in service)", cfg.KeepBuilds)
	}
	return nil
}

// answerConfig reads how questions are ranked and answered into cfg.
func answerConfig(s *settings, cfg *serve.Config) error {
	var err error
	if cfg.Ranking.MinCoverage, err = s.float("ANSWER_MIN_COVERAGE", 0); err != nil {
		return err
	}
	if cfg.Answer.Cooldown, err = s.cooldown("ASK_COOLDOWN"); err != nil {
		return err
	}
	if cfg.Answer.ReviewMaxAge, err = s.period("REVIEW_MAX_AGE", faq.DefaultReviewMaxAge); err != nil {
		return err
	}
	cfg.Answer.Disclaimer = s.get("DISCLAIMER", "")
	cfg.Answer.CrisisText = s.get("CRISIS_MESSAGE", "")
	cfg.Answer.EmergencyText = s.get("EMERGENCY_MESSAGE", "")
	return nil
}

// cliOrigin is where the command line's requests come from: no server, no user (and
// so no cooldown).
var cliOrigin = faq.Origin{Transport: faq.TransportCLI}

// describe is err as the command line shows it: the service's message and details
// for an outcome the user can act on, the whole chain for an internal error (the
// operator is the user here).
func describe(err error) error {
	var fe *faq.Error
	if !errors.As(err, &fe) || fe.Code == faq.EINTERNAL {
		return err
	}
	msg := fe.Message
	if fe.Details != "" {
		msg += "\n" + fe.Details
	}
	return errors.New(msg)
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

// parseNoArgs parses args, which are flags only, as parseFlags does.
func parseNoArgs(fs *flag.FlagSet, args []string, stderr io.Writer) error {
	if err := parseFlags(fs, args, stderr); err != nil {
		return err
	}
	if fs.NArg() > 0 {
		return fmt.Errorf("%w: %s takes no arguments, got %q", errUsage, fs.Name(), fs.Args())
	}
	return nil
}

// cliService opens the answering service over the index f names, as openService
// does, for a command logging warnings and errors to stderr.
func cliService(s *settings, f *indexFlags, stderr io.Writer) (*serve.Service, error) {
	log, err := newLogger(s, stderr, slog.LevelWarn)
	if err != nil {
		return nil, err
	}
	return openService(s, f, log)
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
