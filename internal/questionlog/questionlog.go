// Package questionlog is the question log: what people asked that the bot could not
// answer, and what they thought of its answers, for the moderators' reports. It
// observes the answering service (a faq.Observer), so no transport reports to it.
//
// Observe only queues an event: records are redacted, counted and written in
// batches by a goroutine of their own, so a slow or stopped database never delays an
// answer. The queue is bounded; what does not fit, or fails to be written, is
// dropped, counted in faqbot_question_log_dropped_total and logged once a minute.
//
// What is kept (docs/privacy.md): for every question its time, transport, server,
// outcome, passage and score; the question's text, redacted, only when the content
// did not cover it; for every rating its passage, helpful or not, and a keyed hash
// (never the user); for unhelpful ones the question and what the reader was looking
// for, redacted. Crisis messages are counted per day, never recorded one by one.
// With CountsOnly, only the counts and the ratings without any text are kept.
package questionlog

import (
	"context"
	"time"
)

// Outcomes of a question besides the answer kinds.
const (
	KindRefused = "refused" // too long, or asked too soon
	KindError   = "error"   // the service failed to answer
)

// Defaults for Config.
const (
	DefaultDays         = 30
	DefaultQueue        = 10000
	DefaultBatch        = 500
	DefaultFlushEvery   = time.Second
	DefaultPurgeEvery   = time.Hour
	DefaultWriteTimeout = 10 * time.Second
	DefaultReportEvery  = time.Minute
)

// Config says what the log keeps and how it writes; the zero value of each field
// means its default.
type Config struct {
	// CountsOnly keeps no question text and no per-question records: only the daily
	// counts and the ratings (QUESTION_LOG=off).
	CountsOnly bool
	// Days is how long records are kept (QUESTION_LOG_DAYS); older ones are purged.
	Days int
	// Queue is the most events waiting to be written; more are dropped. (The
	// writer may hold as many again that it took and is writing.)
	Queue int
	// Batch is the most events written at once.
	Batch int
	// FlushEvery is the longest an event waits before it is written.
	FlushEvery time.Duration
	// PurgeEvery is how often records older than Days are deleted (and once at start).
	PurgeEvery time.Duration
	// WriteTimeout bounds one write or purge.
	WriteTimeout time.Duration
	// ReportEvery is how often dropped records are logged, when there are any.
	ReportEvery time.Duration
	// Now returns the current time (time.Now when nil); tests set it.
	Now func() time.Time
}

func (c Config) withDefaults() Config {
	def := func(v *int, d int) {
		if *v <= 0 {
			*v = d
		}
	}
	defDur := func(v *time.Duration, d time.Duration) {
		if *v <= 0 {
			*v = d
		}
	}
	def(&c.Days, DefaultDays)
	def(&c.Queue, DefaultQueue)
	def(&c.Batch, DefaultBatch)
	defDur(&c.FlushEvery, DefaultFlushEvery)
	defDur(&c.PurgeEvery, DefaultPurgeEvery)
	defDur(&c.WriteTimeout, DefaultWriteTimeout)
	defDur(&c.ReportEvery, DefaultReportEvery)
	if c.Now == nil {
		c.Now = time.Now
	}
	return c
}

// Question is the record of one question.
type Question struct {
	Time      time.Time
	Transport string
	Server    string
	// Kind is the answer's kind, or KindRefused or KindError.
	Kind string
	// Code is the service's error code for a question not answered.
	Code string
	// Passage is the answer's passage, or for a no-answer the nearest one.
	Passage string
	Score   float64
	// Text is the question, redacted, for a no-answer; "" otherwise.
	Text string
}

// Vote is the record of one rating; a later one with the same Key replaces it.
type Vote struct {
	Key       string
	Time      time.Time
	Transport string
	Server    string
	Passage   string
	Helpful   bool
	// Question and Comment are kept, redacted, for unhelpful votes only.
	Question, Comment string
}

// Count is how many questions of one kind a server had on one day.
type Count struct {
	// Day is the day, UTC, as 2006-01-02.
	Day    string
	Server string
	Kind   string
	N      int
}

// DayLayout is how Count.Day is written.
const DayLayout = time.DateOnly

// Batch is what one write stores: records to insert, votes to insert or replace,
// counts to add.
type Batch struct {
	Questions []Question
	Votes     []Vote
	Counts    []Count
}

// Len is the number of records in b.
func (b Batch) Len() int { return len(b.Questions) + len(b.Votes) + len(b.Counts) }

// Store keeps the log. Write stores a batch whole or not at all; Purge deletes what
// is older than before and says how many records that was.
type Store interface {
	Write(ctx context.Context, b Batch) error
	Purge(ctx context.Context, before time.Time) (int64, error)
}
