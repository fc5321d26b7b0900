package serve

import (
	"context"
	"fmt"
	"log/slog"
	"time"

	"github.com/prometheus/client_golang/prometheus"

	"github.com/faqbot/faqbot/internal/questionlog"
	"github.com/faqbot/faqbot/internal/questionlog/logdb"
)

// closeLogGrace is how long the question log gets to write what is queued at
// shutdown.
const closeLogGrace = 10 * time.Second

// questionLog is the question log Run keeps: its database (what /faq-admin reads)
// and the observer writing to it.
type questionLog struct {
	db  *logdb.DB
	log *questionlog.Log
}

// openLog opens the question log's database, migrating it (a failure stops the
// start), and sets the vote secret when none is configured: the database's own, so
// that replicas sharing it count one vote per person alike.
func openLog(ctx context.Context, cfg *Config, reg prometheus.Registerer, log *slog.Logger) (*questionLog, error) {
	db, err := logdb.Open(ctx, cfg.Database)
	if err != nil {
		return nil, err
	}
	if len(cfg.Answer.VoteSecret) == 0 {
		if cfg.Answer.VoteSecret, err = db.Secret(ctx); err != nil {
			db.Close()
			return nil, err
		}
	}
	l := questionlog.New(cfg.QuestionLog, db, reg, log)
	days := cfg.QuestionLog.Days
	if days <= 0 {
		days = questionlog.DefaultDays
	}
	log.Info("question log", "database", cfg.Database.Where(), "counts_only", cfg.QuestionLog.CountsOnly, "days", days)
	return &questionLog{db: db, log: l}, nil
}

// close writes what is queued and closes the database.
func (q *questionLog) close(log *slog.Logger) {
	ctx, cancel := context.WithTimeout(context.Background(), closeLogGrace)
	defer cancel()
	if err := q.log.Close(ctx); err != nil {
		log.Warn("question log: not all records written at shutdown", "err", fmt.Errorf("close: %w", err))
	}
	if err := q.db.Close(); err != nil {
		log.Warn("question log: close the database", "err", err)
	}
}
