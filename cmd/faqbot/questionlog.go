package main

import (
	"context"
	"flag"
	"fmt"
	"io"
	"strconv"
	"strings"

	"github.com/faqbot/faqbot/internal/questionlog"
	"github.com/faqbot/faqbot/internal/questionlog/logdb"
	"github.com/faqbot/faqbot/internal/serve"
)

// databaseConfig is where the question log is kept: PostgreSQL at DATABASE_URL, or
// SQLite in DATA_DIR.
func databaseConfig(s *settings) logdb.Config {
	return logdb.Config{URL: s.get("DATABASE_URL", ""), Dir: s.get("DATA_DIR", "data")}
}

// questionLogConfig reads what the question log keeps, for how long, and the key of
// the vote hashes, into cfg.
func questionLogConfig(s *settings, cfg *serve.Config) error {
	cfg.Database = databaseConfig(s)
	switch v := strings.ToLower(s.get("QUESTION_LOG", "on")); v {
	case "on", "true", "1":
	case "off", "false", "0":
		cfg.QuestionLog.CountsOnly = true
	default:
		return fmt.Errorf("QUESTION_LOG=%q: want on, or off to keep counts only", v)
	}
	days, err := logDays(s)
	if err != nil {
		return err
	}
	cfg.QuestionLog.Days = days
	if v := s.get("QUESTION_LOG_SECRET", ""); v != "" {
		if len(v) < 16 {
			return fmt.Errorf("QUESTION_LOG_SECRET is %d characters: want at least 16 (e.g. openssl rand -hex 32)", len(v))
		}
		cfg.Answer.VoteSecret = []byte(v)
	}
	return nil
}

// logDays is QUESTION_LOG_DAYS: how many days the log keeps.
func logDays(s *settings) (int, error) {
	v := s.get("QUESTION_LOG_DAYS", "")
	if v == "" {
		return questionlog.DefaultDays, nil
	}
	d, err := strconv.Atoi(v)
	if err != nil || d < 1 {
		return 0, fmt.Errorf("QUESTION_LOG_DAYS=%q: want a whole number of days, 1 or more", v)
	}
	return d, nil
}

// openLog opens the question log's database (migrating it, as serve does).
func openLog(ctx context.Context, s *settings) (*logdb.DB, error) {
	return logdb.Open(ctx, databaseConfig(s))
}

// runForget deletes every record of one server from the question log.
func runForget(ctx context.Context, s *settings, args []string, stdout, stderr io.Writer) error {
	fs := flag.NewFlagSet("forget", flag.ContinueOnError)
	server := fs.String("server", "", "the Discord server (guild) `ID` whose records to delete")
	if err := parseFlags(fs, args, stderr); err != nil {
		return err
	}
	if *server == "" || fs.NArg() > 0 {
		return fmt.Errorf("%w: forget -server ID (and nothing else)", errUsage)
	}
	db, err := openLog(ctx, s)
	if err != nil {
		return err
	}
	defer db.Close()
	n, err := db.Forget(ctx, *server)
	if err != nil {
		return err
	}
	fmt.Fprintf(stdout, "Deleted %d records of server %s from %s.\n", n, *server, databaseConfig(s).Where())
	return nil
}
