package logdb_test

import (
	"context"
	"fmt"
	"testing"
	"time"

	"github.com/faqbot/faqbot/internal/faq"
	"github.com/faqbot/faqbot/internal/faqtest/logtest"
	"github.com/faqbot/faqbot/internal/questionlog"
	"github.com/faqbot/faqbot/internal/questionlog/logdb"
)

// BenchmarkWrite writes batches as the question log does (500 questions, a fifth
// of them unanswered with their text, and their day's counts) and reports records
// written per second, to SQLite and, when FAQBOT_TEST_DATABASE_URL is set, to
// PostgreSQL.
func BenchmarkWrite(b *testing.B) {
	for _, tc := range []struct {
		name string
		open func(testing.TB) *logdb.DB
	}{{"sqlite", logtest.SQLite}, {"postgres", logtest.Postgres}} {
		b.Run(tc.name, func(b *testing.B) {
			db := tc.open(b)
			const size = questionlog.DefaultBatch
			batch := questionlog.Batch{Counts: []questionlog.Count{{Day: "2026-03-10", Server: "g", Kind: "answer", N: size}}}
			now := time.Now()
			for i := range size {
				q := questionlog.Question{Time: now, Transport: faq.TransportGateway, Server: "g", Kind: "answer",
					Passage: "ketamine-and-antidepressants#how-long-does-it-take-for-ketamine-to-work", Score: 7.5}
				if i%5 == 0 {
					q.Kind, q.Text = "no_answer", fmt.Sprintf("does ketamine help with migraines number %d", i)
				}
				batch.Questions = append(batch.Questions, q)
			}
			start := time.Now()
			for b.Loop() {
				if err := db.Write(context.Background(), batch); err != nil {
					b.Fatal(err)
				}
			}
			b.ReportMetric(float64(b.N*size)/time.Since(start).Seconds(), "records/s")
		})
	}
}
