package metrics_test

import (
	"errors"
	"testing"
	"time"

	"github.com/faqbot/faqbot/internal/faq"
	"github.com/faqbot/faqbot/internal/metrics"
	"github.com/prometheus/client_golang/prometheus"
	dto "github.com/prometheus/client_model/go"
)

// status is a fixed faq.Status for the gauges.
func status(s faq.Status) func() faq.Status { return func() faq.Status { return s } }

func TestGaugesReadStatus(t *testing.T) {
	reg := prometheus.NewRegistry()
	st := faq.Status{}
	metrics.New(reg, func() faq.Status { return st })
	if got := gathered(t, reg, "faqbot_ready", ""); got != 0 {
		t.Errorf("faqbot_ready with no index = %v; want 0", got)
	}
	st = faq.Status{Ready: true, Documents: 2, Passages: 31}
	if got := gathered(t, reg, "faqbot_passages_indexed", ""); got != 31 {
		t.Errorf("faqbot_passages_indexed = %v; want 31 from the status", got)
	}
	if got := gathered(t, reg, "faqbot_ready", ""); got != 1 {
		t.Errorf("faqbot_ready = %v; want 1", got)
	}
}

func TestQuestionsByKind(t *testing.T) {
	reg := prometheus.NewRegistry()
	m := metrics.New(reg, status(faq.Status{}))
	ask := func(kind faq.Kind, code string) faq.Event {
		return faq.Event{Action: faq.ActionAsk, Kind: kind, Code: code, Duration: time.Millisecond}
	}
	for _, e := range []faq.Event{
		ask(faq.KindAnswer, ""), ask(faq.KindAnswer, ""), ask(faq.KindNoAnswer, ""), ask(faq.KindCrisis, ""),
		ask("", faq.EUNAVAILABLE),
		ask("", faq.ERATELIMIT), ask("", faq.ERATELIMIT), ask("", faq.EINVALID),
		{Action: faq.ActionOpen, Kind: faq.KindAnswer}, {Action: faq.ActionRelated},
	} {
		m.Observe(e)
	}
	for kind, want := range map[string]float64{"answer": 2, "no_answer": 1, "crisis": 1, "error": 1} {
		if got := gathered(t, reg, "faqbot_questions_total", kind); got != want {
			t.Errorf("faqbot_questions_total{kind=%q} = %v; want %v", kind, got, want)
		}
	}
	for reason, want := range map[string]float64{"rate_limited": 2, "invalid": 1} {
		if got := gatheredLabel(t, reg, "faqbot_refusals_total", "reason", reason); got != want {
			t.Errorf("faqbot_refusals_total{reason=%q} = %v; want %v", reason, got, want)
		}
	}
	for action, want := range map[string]float64{"open": 1, "related": 1} {
		if got := gatheredLabel(t, reg, "faqbot_buttons_total", "action", action); got != want {
			t.Errorf("faqbot_buttons_total{action=%q} = %v; want %v", action, got, want)
		}
	}
	if n := histogramCount(t, reg, "faqbot_answer_duration_seconds"); n != 5 {
		t.Errorf("answer latency observations = %d; want 5 (refusals are not timed)", n)
	}
}

func TestReindex(t *testing.T) {
	reg := prometheus.NewRegistry()
	m := metrics.New(reg, status(faq.Status{Ready: true, Passages: 42}))
	rep := faq.ReindexReport{Documents: 1, Passages: 42}
	m.Observe(faq.Event{Action: faq.ActionReindex, Reindex: &rep})
	m.Observe(faq.Event{Action: faq.ActionReindex, Code: faq.EINVALID, Err: errors.New("content/a.md:3: bad front matter")})
	m.Observe(faq.Event{Action: faq.ActionReindex, Code: faq.ECONFLICT})
	forced := faq.ReindexReport{Overridden: []faq.CheckFailure{{Path: "content/checks.tsv", Line: 1, Problem: "x"}}}
	m.Observe(faq.Event{Action: faq.ActionReindex, Reindex: &forced})
	m.Observe(faq.Event{Action: faq.ActionRollback, Rollback: &faq.RollbackReport{}})
	m.Observe(faq.Event{Action: faq.ActionRollback, Code: faq.EINVALID})
	for _, tc := range []struct {
		name string
		want float64
	}{
		{"faqbot_reindex_total", 3},
		{"faqbot_reindex_forced_total", 1},
		{"faqbot_rollbacks_total", 1},
		{"faqbot_reindex_failures_total", 1},
		{"faqbot_reindex_refused_total", 1},
	} {
		if got := gathered(t, reg, tc.name, ""); got != tc.want {
			t.Errorf("%s = %v; want %v", tc.name, got, tc.want)
		}
	}
	if n := histogramCount(t, reg, "faqbot_reindex_duration_seconds"); n != 3 {
		t.Errorf("reindex duration observations = %d; want 3", n)
	}
}

func TestRegistriesIndependent(t *testing.T) {
	// Two bots in one process (or two tests) must not collide.
	metrics.New(prometheus.NewRegistry(), status(faq.Status{}))
	metrics.New(prometheus.NewRegistry(), status(faq.Status{}))
}

// gathered returns the value of counter or gauge name, with label kind=kind when kind is
// not empty.
func gathered(t *testing.T, reg *prometheus.Registry, name, kind string) float64 {
	t.Helper()
	return gatheredLabel(t, reg, name, "kind", kind)
}

// gatheredLabel returns the value of counter or gauge name, with label=value when
// value is not empty.
func gatheredLabel(t *testing.T, reg *prometheus.Registry, name, label, kind string) float64 {
	t.Helper()
	mfs, err := reg.Gather()
	if err != nil {
		t.Fatal(err)
	}
	for _, mf := range mfs {
		if mf.GetName() != name {
			continue
		}
		for _, m := range mf.GetMetric() {
			if kind != "" && !hasLabel(m.GetLabel(), label, kind) {
				continue
			}
			switch {
			case m.Counter != nil:
				return m.Counter.GetValue()
			case m.Gauge != nil:
				return m.Gauge.GetValue()
			}
		}
	}
	t.Fatalf("metric %s{kind=%q} not gathered", name, kind)
	return 0
}

func histogramCount(t *testing.T, reg *prometheus.Registry, name string) uint64 {
	t.Helper()
	mfs, err := reg.Gather()
	if err != nil {
		t.Fatal(err)
	}
	for _, mf := range mfs {
		if mf.GetName() == name {
			return mf.GetMetric()[0].GetHistogram().GetSampleCount()
		}
	}
	t.Fatalf("histogram %s not gathered", name)
	return 0
}

func hasLabel(labels []*dto.LabelPair, name, value string) bool {
	for _, l := range labels {
		if l.GetName() == name && l.GetValue() == value {
			return true
		}
	}
	return false
}
