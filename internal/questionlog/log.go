package questionlog

import (
	"context"
	"errors"
	"log/slog"
	"sync"
	"time"

	"github.com/prometheus/client_golang/prometheus"

	"github.com/faqbot/faqbot/internal/faq"
)

// Reasons a record is dropped, as the dropped metric labels them.
const (
	DropQueueFull   = "queue_full"   // the queue was full: the database is slower than the questions
	DropWriteFailed = "write_failed" // the database failed or timed out
	DropClosed      = "closed"       // the log was closing
)

// Log is the question log: a faq.Observer that queues the service's events and
// writes them to a Store in the background. Start it with New and stop it with
// Close. It is safe for concurrent use.
type Log struct {
	cfg   Config
	store Store
	log   *slog.Logger

	// queue holds the events not yet taken by the writer, at most cfg.Queue; it is
	// a slice under a lock rather than a channel so that queuing wakes nobody until
	// a batch is full.
	queueMu sync.Mutex
	queue   []faq.Event
	closed  bool
	full    chan struct{} // signalled when a batch is waiting
	flushes chan chan struct{}
	stop    chan struct{}
	done    sync.WaitGroup
	closing sync.Once

	dropped *prometheus.CounterVec
	written prometheus.Counter
	drops   sync.Mutex // guards unlogged and lastErr
	// unlogged counts drops by reason since they were last logged.
	unlogged map[string]int
	lastErr  error
}

var _ faq.Observer = (*Log)(nil)

// New starts a log writing to store, with its metrics registered on reg (when not
// nil). Close stops it.
func New(cfg Config, store Store, reg prometheus.Registerer, log *slog.Logger) *Log {
	cfg = cfg.withDefaults()
	if log == nil {
		log = slog.New(slog.DiscardHandler)
	}
	l := &Log{
		cfg: cfg, store: store, log: log,
		full:     make(chan struct{}, 1),
		flushes:  make(chan chan struct{}),
		stop:     make(chan struct{}),
		unlogged: map[string]int{},
		dropped: prometheus.NewCounterVec(prometheus.CounterOpts{
			Name: "faqbot_question_log_dropped_total",
			Help: "Question log records not written, by reason (queue_full, write_failed, closed). Answers are never held up for the log.",
		}, []string{"reason"}),
		written: prometheus.NewCounter(prometheus.CounterOpts{
			Name: "faqbot_question_log_written_total",
			Help: "Questions and ratings written to the question log.",
		}),
	}
	for _, r := range []string{DropQueueFull, DropWriteFailed, DropClosed} {
		l.dropped.WithLabelValues(r)
	}
	if reg != nil {
		queued := prometheus.NewGaugeFunc(prometheus.GaugeOpts{
			Name: "faqbot_question_log_queued",
			Help: "Questions and ratings waiting to be written to the question log.",
		}, func() float64 {
			l.queueMu.Lock()
			defer l.queueMu.Unlock()
			return float64(len(l.queue))
		})
		reg.MustRegister(l.dropped, l.written, queued)
	}
	l.done.Add(2)
	go l.write()
	go l.purge()
	return l
}

// Observe queues a question or a rating to be written; it never blocks. Other
// events are not the log's.
func (l *Log) Observe(e faq.Event) {
	if e.Action != faq.ActionAsk && e.Action != faq.ActionFeedback {
		return
	}
	e.Err, e.Reindex = nil, nil // not the log's, and not to be kept alive by the queue
	l.queueMu.Lock()
	switch {
	case l.closed:
		l.queueMu.Unlock()
		l.drop(DropClosed, 1, nil)
		return
	case len(l.queue) >= l.cfg.Queue:
		l.queueMu.Unlock()
		l.drop(DropQueueFull, 1, nil)
		return
	}
	l.queue = append(l.queue, e)
	n := len(l.queue)
	l.queueMu.Unlock()
	if n == l.cfg.Batch {
		select {
		case l.full <- struct{}{}:
		default:
		}
	}
}

// take returns the events queued, emptying the queue.
func (l *Log) take() []faq.Event {
	l.queueMu.Lock()
	defer l.queueMu.Unlock()
	events := l.queue
	l.queue = nil
	return events
}

// Flush writes what is queued and returns when it is written (or dropped), or when
// ctx is done.
func (l *Log) Flush(ctx context.Context) error {
	done := make(chan struct{})
	select {
	case l.flushes <- done:
	case <-l.stop:
		return errors.New("question log closed")
	case <-ctx.Done():
		return ctx.Err()
	}
	select {
	case <-done:
		return nil
	case <-ctx.Done():
		return ctx.Err()
	}
}

// Close stops taking events, writes what is queued and stops the background work.
// It returns ctx's error if that is not done when ctx is; what is still queued is
// then lost.
func (l *Log) Close(ctx context.Context) error {
	l.closing.Do(func() {
		l.queueMu.Lock()
		l.closed = true
		l.queueMu.Unlock()
		close(l.stop)
	})
	finished := make(chan struct{})
	go func() {
		l.done.Wait()
		close(finished)
	}()
	select {
	case <-finished:
		return nil
	case <-ctx.Done():
		return ctx.Err()
	}
}

// write is the background writer: it takes the queued events and writes them in
// batches when a batch is full, every FlushEvery, on Flush, and at Close.
func (l *Log) write() {
	defer l.done.Done()
	flush := time.NewTicker(l.cfg.FlushEvery)
	defer flush.Stop()
	report := time.NewTicker(l.cfg.ReportEvery)
	defer report.Stop()
	writeAll := func() {
		for events := l.take(); len(events) > 0; events = events[min(len(events), l.cfg.Batch):] {
			l.writeBatch(events[:min(len(events), l.cfg.Batch)])
		}
	}
	for {
		select {
		case <-l.full:
			writeAll()
		case <-flush.C:
			writeAll()
		case done := <-l.flushes:
			writeAll()
			close(done)
		case <-report.C:
			l.reportDrops()
		case <-l.stop:
			writeAll()
			l.reportDrops()
			return
		}
	}
}

// writeBatch turns events into records and writes them; a failed write drops them.
func (l *Log) writeBatch(events []faq.Event) {
	b := l.records(events)
	if b.Len() == 0 {
		return
	}
	ctx, cancel := context.WithTimeout(context.Background(), l.cfg.WriteTimeout)
	defer cancel()
	if err := l.store.Write(ctx, b); err != nil {
		l.drop(DropWriteFailed, len(events), err)
		return
	}
	l.written.Add(float64(len(events)))
}

// drop counts n records dropped for reason.
func (l *Log) drop(reason string, n int, err error) {
	l.dropped.WithLabelValues(reason).Add(float64(n))
	l.drops.Lock()
	l.unlogged[reason] += n
	if err != nil {
		l.lastErr = err
	}
	l.drops.Unlock()
}

// reportDrops logs what was dropped since it last did, if anything.
func (l *Log) reportDrops() {
	l.drops.Lock()
	unlogged, err := l.unlogged, l.lastErr
	l.unlogged, l.lastErr = map[string]int{}, nil
	l.drops.Unlock()
	if len(unlogged) == 0 {
		return
	}
	args := []any{"every", l.cfg.ReportEvery}
	for _, r := range []string{DropQueueFull, DropWriteFailed, DropClosed} {
		if n := unlogged[r]; n > 0 {
			args = append(args, r, n)
		}
	}
	if err != nil {
		args = append(args, "err", err)
	}
	l.log.Warn("question log: records dropped; answers go on", args...)
}

// purge deletes records older than Days at start and every PurgeEvery.
func (l *Log) purge() {
	defer l.done.Done()
	tick := time.NewTicker(l.cfg.PurgeEvery)
	defer tick.Stop()
	for {
		before := l.cfg.Now().Add(-time.Duration(l.cfg.Days) * 24 * time.Hour)
		ctx, cancel := context.WithTimeout(context.Background(), l.cfg.WriteTimeout)
		n, err := l.store.Purge(ctx, before)
		cancel()
		switch {
		case err != nil:
			l.log.Warn("question log: purge failed; will retry", "every", l.cfg.PurgeEvery, "err", err)
		case n > 0:
			l.log.Info("question log: purged old records", "records", n, "older_than_days", l.cfg.Days)
		}
		select {
		case <-tick.C:
		case <-l.stop:
			return
		}
	}
}
