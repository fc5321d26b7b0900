// Package metrics holds faqbot's Prometheus metrics: questions by kind, refusals,
// answer latency, buttons used, reindex count, duration, failures and overrides,
// rollbacks, and the size of the index in service. It observes the answering service's events; neither the
// service nor the transports know about Prometheus.
package metrics

import (
	"github.com/prometheus/client_golang/prometheus"

	"github.com/faqbot/faqbot/internal/faq"
)

// KindError is the kind label of a question the service failed to answer (no index
// yet, a failing disk), as opposed to one it answered with a no-answer.
const KindError = "error"

// Metrics is the set of faqbot metrics registered on one registry. It is a
// faq.Observer.
type Metrics struct {
	questions      *prometheus.CounterVec
	refusals       *prometheus.CounterVec
	answerLatency  prometheus.Histogram
	buttons        *prometheus.CounterVec
	reindexes      prometheus.Counter
	reindexFails   prometheus.Counter
	reindexRunning prometheus.Counter
	reindexLatency prometheus.Histogram
	reindexForced  prometheus.Counter
	rollbacks      prometheus.Counter
}

var _ faq.Observer = (*Metrics)(nil)

// New creates the metrics and registers them on reg, with gauges of the index in
// service read from status when scraped. Use a fresh prometheus.NewRegistry rather
// than the global default so that tests and several bots in one process stay apart.
// It panics if a metric of the same name is already registered on reg, as
// prometheus.MustRegister does: that is a programming error.
func New(reg prometheus.Registerer, status func() faq.Status) *Metrics {
	m := &Metrics{
		questions: prometheus.NewCounterVec(prometheus.CounterOpts{
			Name: "faqbot_questions_total",
			Help: "Questions answered, by answer kind (answer, no_answer, crisis, error). Refused questions are not counted.",
		}, []string{"kind"}),
		refusals: prometheus.NewCounterVec(prometheus.CounterOpts{
			Name: "faqbot_refusals_total",
			Help: "Questions refused before reaching the index, by reason (invalid: too long; rate_limited: the cooldown).",
		}, []string{"reason"}),
		answerLatency: prometheus.NewHistogram(prometheus.HistogramOpts{
			Name:    "faqbot_answer_duration_seconds",
			Help:    "Time the service took to answer a question.",
			Buckets: []float64{.0001, .00025, .0005, .001, .0025, .005, .01, .025, .05, .1, .25, .5, 1},
		}),
		buttons: prometheus.NewCounterVec(prometheus.CounterOpts{
			Name: "faqbot_buttons_total",
			Help: "Buttons and menus used, by action (open: a passage opened or shared; related: More results; feedback: Helpful or Not helpful).",
		}, []string{"action"}),
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
	}
	m.reindexForced = prometheus.NewCounter(prometheus.CounterOpts{
		Name: "faqbot_reindex_forced_total",
		Help: "Reindexes a moderator forced into service although must-answer checks failed.",
	})
	m.rollbacks = prometheus.NewCounter(prometheus.CounterOpts{
		Name: "faqbot_rollbacks_total",
		Help: "Rollbacks to an earlier build.",
	})
	passages := prometheus.NewGaugeFunc(prometheus.GaugeOpts{
		Name: "faqbot_passages_indexed",
		Help: "Passages in the index that is serving.",
	}, func() float64 { return float64(status().Passages) })
	ready := prometheus.NewGaugeFunc(prometheus.GaugeOpts{
		Name: "faqbot_ready",
		Help: "1 when an index is in service and questions are answered, else 0.",
	}, func() float64 {
		if status().Ready {
			return 1
		}
		return 0
	})
	reg.MustRegister(m.questions, m.refusals, m.answerLatency, m.buttons, m.reindexes, m.reindexFails,
		m.reindexRunning, m.reindexLatency, m.reindexForced, m.rollbacks, passages, ready)
	// Pre-create the usual labels so that they appear as 0 before the first event.
	for _, k := range []string{string(faq.KindAnswer), string(faq.KindSuggestions), string(faq.KindNoAnswer),
		string(faq.KindCrisis), string(faq.KindEmergency), KindError} {
		m.questions.WithLabelValues(k)
	}
	for _, r := range []string{faq.EINVALID, faq.ERATELIMIT} {
		m.refusals.WithLabelValues(r)
	}
	for _, a := range []faq.Action{faq.ActionOpen, faq.ActionRelated, faq.ActionFeedback} {
		m.buttons.WithLabelValues(string(a))
	}
	return m
}

// Observe counts one event of the answering service.
func (m *Metrics) Observe(e faq.Event) {
	switch e.Action {
	case faq.ActionAsk:
		switch e.Code {
		case faq.EINVALID, faq.ERATELIMIT:
			m.refusals.WithLabelValues(e.Code).Inc()
			return
		case "":
			m.questions.WithLabelValues(string(e.Kind)).Inc()
		default:
			m.questions.WithLabelValues(KindError).Inc()
		}
		m.answerLatency.Observe(e.Duration.Seconds())
	case faq.ActionOpen, faq.ActionRelated, faq.ActionFeedback:
		m.buttons.WithLabelValues(string(e.Action)).Inc()
	case faq.ActionReindex:
		if e.Code == faq.ECONFLICT {
			m.reindexRunning.Inc()
			return
		}
		m.reindexes.Inc()
		m.reindexLatency.Observe(e.Duration.Seconds())
		if e.Code != "" {
			m.reindexFails.Inc()
		}
		if e.Reindex != nil && len(e.Reindex.Overridden) > 0 {
			m.reindexForced.Inc()
		}
	case faq.ActionRollback:
		if e.Code == "" {
			m.rollbacks.Inc()
		}
	}
}
