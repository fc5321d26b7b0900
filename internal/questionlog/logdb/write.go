package logdb

import (
	"context"
	"database/sql"
	"fmt"
	"strings"
	"time"

	"github.com/faqbot/faqbot/internal/questionlog"
)

var _ questionlog.Store = (*DB)(nil)

// maxRows is the most rows one INSERT carries (9 parameters a row stays well under
// both databases' limits on parameters).
const maxRows = 500

// Write stores a batch in one transaction: its questions, its votes (a vote
// replacing an earlier one with the same key), and its counts (added to the day's).
func (d *DB) Write(ctx context.Context, b questionlog.Batch) error {
	tx, err := d.db.BeginTx(ctx, nil)
	if err != nil {
		return fmt.Errorf("question log: write: %w", err)
	}
	defer tx.Rollback()
	if err := d.insertRows(ctx, tx, "INSERT INTO questions (at, transport, server, kind, code, passage, score, question) VALUES ",
		"", len(b.Questions), func(i int) []any {
			q := b.Questions[i]
			return []any{micros(q.Time), q.Transport, q.Server, q.Kind, q.Code, q.Passage, q.Score, nullable(q.Text)}
		}); err != nil {
		return err
	}
	votes := lastVotes(b.Votes)
	if err := d.insertRows(ctx, tx, "INSERT INTO votes (vote_key, at, transport, server, passage, helpful, question, comment) VALUES ",
		// A changed vote replaces an earlier one (replicas may write them out of
		// order); its texts only stay for an unhelpful vote, and the question is kept
		// when the later vote lacks it.
		` ON CONFLICT (vote_key) DO UPDATE SET at = excluded.at, transport = excluded.transport,
			server = excluded.server, passage = excluded.passage, helpful = excluded.helpful,
			question = CASE WHEN excluded.helpful = 1 THEN NULL ELSE COALESCE(excluded.question, votes.question) END,
			comment = CASE WHEN excluded.helpful = 1 THEN NULL ELSE COALESCE(excluded.comment, votes.comment) END
			WHERE excluded.at >= votes.at`,
		len(votes), func(i int) []any {
			v := votes[i]
			return []any{v.Key, micros(v.Time), v.Transport, v.Server, v.Passage, flag(v.Helpful), nullable(v.Question), nullable(v.Comment)}
		}); err != nil {
		return err
	}
	if err := d.insertRows(ctx, tx, "INSERT INTO counts (day, server, kind, n) VALUES ",
		" ON CONFLICT (day, server, kind) DO UPDATE SET n = counts.n + excluded.n", len(b.Counts), func(i int) []any {
			c := b.Counts[i]
			return []any{c.Day, c.Server, c.Kind, c.N}
		}); err != nil {
		return err
	}
	if err := tx.Commit(); err != nil {
		return fmt.Errorf("question log: write: %w", err)
	}
	return nil
}

// insertRows inserts n rows, maxRows to a statement: prefix, then the VALUES lists
// with the arguments row(i) gives, then suffix. SQLite gets anonymous parameters:
// it looks numbered ones up by name, which grows with the square of their number.
func (d *DB) insertRows(ctx context.Context, tx *sql.Tx, prefix, suffix string, n int, row func(int) []any) error {
	for start := 0; start < n; start += maxRows {
		end := min(n, start+maxRows)
		var q strings.Builder
		q.WriteString(prefix)
		var args []any
		for i := start; i < end; i++ {
			if i > start {
				q.WriteByte(',')
			}
			q.WriteByte('(')
			for j, a := range row(i) {
				if j > 0 {
					q.WriteByte(',')
				}
				args = append(args, a)
				if d.postgres {
					fmt.Fprintf(&q, "$%d", len(args))
				} else {
					q.WriteByte('?')
				}
			}
			q.WriteByte(')')
		}
		q.WriteString(suffix)
		if _, err := tx.ExecContext(ctx, q.String(), args...); err != nil {
			return fmt.Errorf("question log: write: %w", err)
		}
	}
	return nil
}

// lastVotes keeps the last vote of each key, in order: one statement may not
// change a row twice.
func lastVotes(votes []questionlog.Vote) []questionlog.Vote {
	last := map[string]int{}
	for i, v := range votes {
		last[v.Key] = i
	}
	if len(last) == len(votes) {
		return votes
	}
	out := make([]questionlog.Vote, 0, len(last))
	for i, v := range votes {
		if last[v.Key] == i {
			out = append(out, v)
		}
	}
	return out
}

// Purge deletes the records and counts older than before.
func (d *DB) Purge(ctx context.Context, before time.Time) (int64, error) {
	at, day := micros(before), before.UTC().Format(questionlog.DayLayout)
	return d.delete(ctx, "purge", []statement{
		{"DELETE FROM questions WHERE at < $1", at},
		{"DELETE FROM votes WHERE at < $1", at},
		{"DELETE FROM counts WHERE day < $1", day},
	})
}

// Forget deletes every record and count of a server (faqbot forget).
func (d *DB) Forget(ctx context.Context, server string) (int64, error) {
	return d.delete(ctx, "forget", []statement{
		{"DELETE FROM questions WHERE server = $1", server},
		{"DELETE FROM votes WHERE server = $1", server},
		{"DELETE FROM counts WHERE server = $1", server},
	})
}

// statement is SQL with its one argument.
type statement struct {
	sql string
	arg any
}

// delete runs deletions in one transaction and returns the rows deleted.
func (d *DB) delete(ctx context.Context, what string, stmts []statement) (int64, error) {
	tx, err := d.db.BeginTx(ctx, nil)
	if err != nil {
		return 0, fmt.Errorf("question log: %s: %w", what, err)
	}
	defer tx.Rollback()
	var total int64
	for _, s := range stmts {
		res, err := tx.ExecContext(ctx, s.sql, s.arg)
		if err != nil {
			return 0, fmt.Errorf("question log: %s: %w", what, err)
		}
		if rows, err := res.RowsAffected(); err == nil {
			total += rows
		}
	}
	if err := tx.Commit(); err != nil {
		return 0, fmt.Errorf("question log: %s: %w", what, err)
	}
	return total, nil
}

// micros is how times are stored: Unix microseconds, fine enough to order a person's
// votes.
func micros(t time.Time) int64 { return t.UnixMicro() }

func flag(b bool) int {
	if b {
		return 1
	}
	return 0
}

// nullable stores "" as NULL.
func nullable(s string) any {
	if s == "" {
		return nil
	}
	return s
}
