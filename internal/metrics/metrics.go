// Package metrics holds faqbot's Prometheus metrics: questions by kind, answer latency,
// reindex count, duration and failures, and passages indexed. Wrap puts them around an
// answer engine without the engine or the Discord transports knowing about Prometheus.
package metrics

import (
	"context"
	"errors"
	"time"

	"github.com/faqbot/faqbot/internal/faq"
	"github.com/prometheus/client_golang/prometheus"
)

// Engine is the answer engine being measured; it has the method set of discord.Engine.
type Engine interface {
	Answer(ctx context.Context, question string) (faq.Answer, error)
	Suggest(ctx context.Context, prefix string, limit int) ([]faq.Alternative, error)
	Passage(ctx context.Context, passageID string) (faq.Answer, error)
	Reindex(ctx context.Context) (faq.ReindexReport, error)
}

// KindError is the kind label of a question the engine failed to answer (closed engine,
// cancelled context), as opposed to one it answered with a no-answer.
const KindError = "error"

// Metrics is the set of faqbot metrics registered on one registry.
type Metrics struct {
	questions      *prometheus.CounterVec
	answerLatency  prometheus.Histogram
	reindexes      prometheus.Counter
	reindexFails   prometheus.Counter
	reindexRunning prometheus.Counter
	reindexLatency prometheus.Histogram
	passages       prometheus.Gauge
}

// New creates the metrics and registers them on reg. Use a fresh prometheus.NewRegistry
// rather than the global default so that tests and several bots in one process stay apart.
// It panics if a metric of the same name is already registered on reg, as
// prometheus.MustRegister does: that is a programming error.
func New(reg prometheus.Registerer) *Metrics {
	m := &Metrics{
		questions: prometheus.NewCounterVec(prometheus.CounterOpts{
			Name: "faqbot_questions_total",
			Help: "Questions answered, by answer kind (answer, no_answer, crisis, error).",
		}, []string{"kind"}),
		answerLatency: prometheus.NewHistogram(prometheus.HistogramOpts{
			Name:    "faqbot_answer_duration_seconds",
			Help:    "Time the engine took to answer a question.",
			Buckets: []float64{.0001, .00025, .0005, .001, .0025, .005, .01, .025, .05, .1, .25, .5, 1},
		}),
		reindexes: prometheus.NewCounter(prometheus.CounterOpts{
			Name: "faqbot_reindex_total",
			Help: "Reindexes attempted (successful or not; not counting ones refused because another was running).",
		}),
		reindexFails: prometheus.NewCounter(prometheus.CounterOpts{
			Name: "faqbot_reindex_failures_total",
			Help: "Reindexes that failed; the previous index kept serving.",
		}),
		reindexRunning: prometheus.NewCounter(prometheus.CounterOpts{
			Name: "faqbot_reindex_refused_total",
			Help: "Reindexes refused because another one was running.",
		}),
		reindexLatency: prometheus.NewHistogram(prometheus.HistogramOpts{
			Name:    "faqbot_reindex_duration_seconds",
			Help:    "Time a reindex took, successful or not.",
			Buckets: []float64{.01, .025, .05, .1, .25, .5, 1, 2.5, 5, 10, 30, 60},
		}),
		passages: prometheus.NewGauge(prometheus.GaugeOpts{
			Name: "faqbot_passages_indexed",
			Help: "Passages in the index that is serving.",
		}),
	}
	reg.MustRegister(m.questions, m.answerLatency, m.reindexes, m.reindexFails,
		m.reindexRunning, m.reindexLatency, m.passages)
	// Pre-create the usual kinds so that they appear as 0 before the first question.
	for _, k := range []string{string(faq.KindAnswer), string(faq.KindNoAnswer), string(faq.KindCrisis), KindError} {
		m.questions.WithLabelValues(k)
	}
	return m
}

// SetPassagesIndexed sets the passages-indexed gauge, for the index opened at start-up
// (a reindex through Wrap sets it by itself).
func (m *Metrics) SetPassagesIndexed(n int) {
	m.passages.Set(float64(n))
}

// Wrap returns eng with every call measured. The result satisfies discord.Engine. If
// eng reports its size (a Stats method, as *engine.Engine has), the passages-indexed
// gauge starts from it.
func (m *Metrics) Wrap(eng Engine) *Instrumented {
	if s, ok := eng.(sizer); ok {
		_, n := s.Stats()
		m.SetPassagesIndexed(n)
	}
	return &Instrumented{eng: eng, m: m}
}

// sizer is an engine that reports how much it has indexed.
type sizer interface {
	Stats() (documents, passages int)
}

// Instrumented is an Engine that records metrics; see Metrics.Wrap.
type Instrumented struct {
	eng Engine
	m   *Metrics
}

// Answer answers question with the wrapped engine, counting it by kind and timing it.
func (e *Instrumented) Answer(ctx context.Context, question string) (faq.Answer, error) {
	start := time.Now()
	a, err := e.eng.Answer(ctx, question)
	e.m.answerLatency.Observe(time.Since(start).Seconds())
	kind := string(a.Kind)
	if err != nil {
		kind = KindError
	}
	e.m.questions.WithLabelValues(kind).Inc()
	return a, err
}

// Suggest passes through to the wrapped engine; autocomplete is not counted as a question.
func (e *Instrumented) Suggest(ctx context.Context, prefix string, limit int) ([]faq.Alternative, error) {
	return e.eng.Suggest(ctx, prefix, limit)
}

// Passage passes through to the wrapped engine.
func (e *Instrumented) Passage(ctx context.Context, passageID string) (faq.Answer, error) {
	return e.eng.Passage(ctx, passageID)
}

// Reindex reindexes with the wrapped engine, counting and timing it; on success it sets
// the passages-indexed gauge from the report.
func (e *Instrumented) Reindex(ctx context.Context) (faq.ReindexReport, error) {
	start := time.Now()
	r, err := e.eng.Reindex(ctx)
	if errors.Is(err, faq.ErrReindexRunning) {
		e.m.reindexRunning.Inc()
		return r, err
	}
	e.m.reindexes.Inc()
	e.m.reindexLatency.Observe(time.Since(start).Seconds())
	if err != nil {
		e.m.reindexFails.Inc()
		return r, err
	}
	e.m.passages.Set(float64(r.Passages))
	return r, nil
}

// Ready reports whether the wrapped engine has an index loaded. An engine without a
// Ready method counts as ready.
func (e *Instrumented) Ready() bool {
	if r, ok := e.eng.(interface{ Ready() bool }); ok {
		return r.Ready()
	}
	return true
}
