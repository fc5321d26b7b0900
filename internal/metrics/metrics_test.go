package metrics_test

import (
	"context"
	"errors"
	"testing"

	"github.com/faqbot/faqbot/internal/faq"
	"github.com/faqbot/faqbot/internal/metrics"
	"github.com/prometheus/client_golang/prometheus"
	dto "github.com/prometheus/client_model/go"
)

// fakeEngine answers with a fixed kind and reindexes with a fixed outcome.
type fakeEngine struct {
	kind       faq.Kind
	answerErr  error
	report     faq.ReindexReport
	reindexErr error
	ready      bool
}

func (f *fakeEngine) Answer(ctx context.Context, q string) (faq.Answer, error) {
	if f.answerErr != nil {
		return faq.Answer{}, f.answerErr
	}
	return faq.Answer{Question: q, Kind: f.kind}, nil
}

func (f *fakeEngine) Suggest(ctx context.Context, prefix string, limit int) ([]faq.Alternative, error) {
	return []faq.Alternative{{Title: prefix}}, nil
}

func (f *fakeEngine) Passage(ctx context.Context, id string) (faq.Answer, error) {
	return faq.Answer{PassageID: id, Kind: faq.KindAnswer}, nil
}

func (f *fakeEngine) Reindex(ctx context.Context) (faq.ReindexReport, error) {
	return f.report, f.reindexErr
}

func (f *fakeEngine) Ready() bool { return f.ready }

// sizedEngine reports its size, as *engine.Engine does.
type sizedEngine struct{ fakeEngine }

func (sizedEngine) Stats() (documents, passages int) { return 2, 31 }

func TestWrapStartsGaugeFromStats(t *testing.T) {
	reg := prometheus.NewRegistry()
	metrics.New(reg).Wrap(&sizedEngine{})
	if got := gathered(t, reg, "faqbot_passages_indexed", ""); got != 31 {
		t.Errorf("faqbot_passages_indexed after Wrap = %v; want 31 from Stats", got)
	}
}

func TestAnswerCountsByKind(t *testing.T) {
	reg := prometheus.NewRegistry()
	m := metrics.New(reg)
	ctx := context.Background()
	eng := &fakeEngine{}
	w := m.Wrap(eng)

	for _, k := range []faq.Kind{faq.KindAnswer, faq.KindAnswer, faq.KindNoAnswer, faq.KindCrisis} {
		eng.kind = k
		a, err := w.Answer(ctx, "q")
		if err != nil || a.Kind != k {
			t.Fatalf("Answer = %v, %v; want kind %v", a.Kind, err, k)
		}
	}
	eng.answerErr = faq.ErrClosed
	if _, err := w.Answer(ctx, "q"); !errors.Is(err, faq.ErrClosed) {
		t.Fatalf("Answer error = %v; want ErrClosed passed through", err)
	}

	for kind, want := range map[string]float64{"answer": 2, "no_answer": 1, "crisis": 1, "error": 1} {
		if got := gathered(t, reg, "faqbot_questions_total", kind); got != want {
			t.Errorf("faqbot_questions_total{kind=%q} = %v; want %v", kind, got, want)
		}
	}
	if n := histogramCount(t, reg, "faqbot_answer_duration_seconds"); n != 5 {
		t.Errorf("answer latency observations = %d; want 5", n)
	}
}

func TestReindex(t *testing.T) {
	reg := prometheus.NewRegistry()
	m := metrics.New(reg)
	ctx := context.Background()
	eng := &fakeEngine{report: faq.ReindexReport{Documents: 1, Passages: 42}}
	w := m.Wrap(eng)

	if _, err := w.Reindex(ctx); err != nil {
		t.Fatal(err)
	}
	eng.reindexErr = errors.New("content/a.md:3: bad front matter")
	if _, err := w.Reindex(ctx); err == nil {
		t.Fatal("Reindex error swallowed")
	}
	eng.reindexErr = faq.ErrReindexRunning
	if _, err := w.Reindex(ctx); !errors.Is(err, faq.ErrReindexRunning) {
		t.Fatalf("Reindex error = %v; want ErrReindexRunning", err)
	}

	for _, tc := range []struct {
		name string
		want float64
	}{
		{"faqbot_reindex_total", 2},
		{"faqbot_reindex_failures_total", 1},
		{"faqbot_reindex_refused_total", 1},
		{"faqbot_passages_indexed", 42}, // the failed reindex keeps the old figure
	} {
		if got := gathered(t, reg, tc.name, ""); got != tc.want {
			t.Errorf("%s = %v; want %v", tc.name, got, tc.want)
		}
	}
	if n := histogramCount(t, reg, "faqbot_reindex_duration_seconds"); n != 2 {
		t.Errorf("reindex duration observations = %d; want 2", n)
	}

	m.SetPassagesIndexed(7)
	if got := gathered(t, reg, "faqbot_passages_indexed", ""); got != 7 {
		t.Errorf("faqbot_passages_indexed after SetPassagesIndexed(7) = %v", got)
	}
}

func TestPassThrough(t *testing.T) {
	eng := &fakeEngine{ready: true}
	w := metrics.New(prometheus.NewRegistry()).Wrap(eng)
	ctx := context.Background()
	if s, err := w.Suggest(ctx, "keta", 5); err != nil || len(s) != 1 || s[0].Title != "keta" {
		t.Errorf("Suggest = %v, %v", s, err)
	}
	if a, err := w.Passage(ctx, "doc#x"); err != nil || a.PassageID != "doc#x" {
		t.Errorf("Passage = %v, %v", a, err)
	}
	if !w.Ready() {
		t.Error("Ready() = false; want the engine's true")
	}
	eng.ready = false
	if w.Ready() {
		t.Error("Ready() = true; want the engine's false")
	}
}

func TestRegistriesIndependent(t *testing.T) {
	// Two bots in one process (or two tests) must not collide.
	metrics.New(prometheus.NewRegistry())
	metrics.New(prometheus.NewRegistry())
}

// gathered returns the value of counter or gauge name, with label kind=kind when kind is
// not empty.
func gathered(t *testing.T, reg *prometheus.Registry, name, kind string) float64 {
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
			if kind != "" && !hasLabel(m.GetLabel(), "kind", kind) {
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
