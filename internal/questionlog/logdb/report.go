package logdb

import (
	"context"
	"database/sql"
	"fmt"
	"time"

	"github.com/faqbot/faqbot/internal/faq"
	"github.com/faqbot/faqbot/internal/questionlog"
)

// Report limits.
const (
	// DefaultLimit is how many rows a report returns when the query says none.
	DefaultLimit = 25
	// maxAsked bounds the unanswered questions read for grouping: the latest ones.
	maxAsked = 5000
	// comments is how many comments a passage's feedback carries.
	comments = 3
)

// where is the WHERE clause selecting q's server (when set) and time, with its
// arguments; column is the time column.
func where(q faq.ReportQuery, column string, args ...any) (string, []any) {
	args = append(args, micros(q.Since))
	w := fmt.Sprintf(" WHERE %s >= $%d", column, len(args))
	if q.Server != "" {
		args = append(args, q.Server)
		w += fmt.Sprintf(" AND server = $%d", len(args))
	}
	return w, args
}

func limit(q faq.ReportQuery) int {
	if q.Limit > 0 {
		return q.Limit
	}
	return DefaultLimit
}

// Unanswered returns the questions not answered with a passage ("not covered" and
// the closest entries), near-duplicates
// grouped, most asked first (see questionlog.Group).
func (d *DB) Unanswered(ctx context.Context, q faq.ReportQuery) ([]faq.Unanswered, error) {
	w, args := where(q, "at", string(faq.KindNoAnswer), string(faq.KindSuggestions))
	rows, err := d.db.QueryContext(ctx, "SELECT question, passage, at FROM questions"+w+
		fmt.Sprintf(" AND kind IN ($1, $2) AND question IS NOT NULL ORDER BY at DESC LIMIT %d", maxAsked), args...)
	if err != nil {
		return nil, fmt.Errorf("question log: unanswered: %w", err)
	}
	var asked []questionlog.Asked
	err = scanAll(rows, func() error {
		var a questionlog.Asked
		var at int64
		if err := rows.Scan(&a.Text, &a.Nearest, &at); err != nil {
			return err
		}
		a.Time = time.UnixMicro(at).UTC()
		asked = append(asked, a)
		return nil
	})
	if err != nil {
		return nil, fmt.Errorf("question log: unanswered: %w", err)
	}
	return questionlog.Group(asked, limit(q)), nil
}

// Feedback returns the passages rated unhelpful, the most unhelpful votes first,
// with their helpful votes and the latest comments.
func (d *DB) Feedback(ctx context.Context, q faq.ReportQuery) ([]faq.PassageFeedback, error) {
	w, args := where(q, "at")
	rows, err := d.db.QueryContext(ctx, "SELECT passage, CAST(SUM(helpful) AS BIGINT), CAST(COUNT(*) - SUM(helpful) AS BIGINT) FROM votes"+w+
		fmt.Sprintf(" GROUP BY passage HAVING COUNT(*) > SUM(helpful) ORDER BY 3 DESC, 2 ASC, passage LIMIT %d", limit(q)), args...)
	if err != nil {
		return nil, fmt.Errorf("question log: feedback: %w", err)
	}
	var out []faq.PassageFeedback
	err = scanAll(rows, func() error {
		var f faq.PassageFeedback
		if err := rows.Scan(&f.PassageID, &f.Helpful, &f.Unhelpful); err != nil {
			return err
		}
		out = append(out, f)
		return nil
	})
	if err != nil {
		return nil, fmt.Errorf("question log: feedback: %w", err)
	}
	for i := range out {
		if out[i].Comments, err = d.comments(ctx, q, out[i].PassageID); err != nil {
			return nil, err
		}
	}
	return out, nil
}

// comments returns the latest things readers who found passage unhelpful were
// looking for: their comment, or else the question they had asked.
func (d *DB) comments(ctx context.Context, q faq.ReportQuery, passage string) ([]string, error) {
	w, args := where(q, "at", passage)
	rows, err := d.db.QueryContext(ctx, "SELECT COALESCE(comment, question) FROM votes"+w+
		fmt.Sprintf(" AND passage = $1 AND helpful = 0 AND COALESCE(comment, question) IS NOT NULL ORDER BY at DESC LIMIT %d", comments), args...)
	if err != nil {
		return nil, fmt.Errorf("question log: feedback comments: %w", err)
	}
	var out []string
	err = scanAll(rows, func() error {
		var s string
		err := rows.Scan(&s)
		out = append(out, s)
		return err
	})
	if err != nil {
		return nil, fmt.Errorf("question log: feedback comments: %w", err)
	}
	return out, nil
}

// Stats returns the questions of each day since q.Since with any, oldest first.
func (d *DB) Stats(ctx context.Context, q faq.ReportQuery) ([]faq.DayStats, error) {
	args := []any{q.Since.UTC().Format(questionlog.DayLayout)}
	w := " WHERE day >= $1"
	if q.Server != "" {
		args = append(args, q.Server)
		w += " AND server = $2"
	}
	rows, err := d.db.QueryContext(ctx, "SELECT day, kind, CAST(SUM(n) AS BIGINT) FROM counts"+w+" GROUP BY day, kind ORDER BY day", args...)
	if err != nil {
		return nil, fmt.Errorf("question log: stats: %w", err)
	}
	var out []faq.DayStats
	err = scanAll(rows, func() error {
		var day, kind string
		var n int
		if err := rows.Scan(&day, &kind, &n); err != nil {
			return err
		}
		t, err := time.Parse(questionlog.DayLayout, day)
		if err != nil {
			return err
		}
		if len(out) == 0 || !out[len(out)-1].Day.Equal(t) {
			out = append(out, faq.DayStats{Day: t})
		}
		s := &out[len(out)-1]
		s.Questions += n
		switch kind {
		case string(faq.KindAnswer):
			s.Answered += n
		case string(faq.KindNoAnswer), string(faq.KindSuggestions):
			s.NotCovered += n
		case string(faq.KindCrisis), string(faq.KindEmergency):
			s.Crisis += n
		default:
			s.Other += n
		}
		return nil
	})
	if err != nil {
		return nil, fmt.Errorf("question log: stats: %w", err)
	}
	return out, nil
}

// scanAll calls scan for each row, then closes rows and returns the first error.
func scanAll(rows *sql.Rows, scan func() error) error {
	defer rows.Close()
	for rows.Next() {
		if err := scan(); err != nil {
			return err
		}
	}
	return rows.Err()
}
