package questionlog_test

import (
	"context"
	"slices"
	"testing"
	"time"

	"github.com/faqbot/faqbot/internal/answer"
	"github.com/faqbot/faqbot/internal/faq"
	"github.com/faqbot/faqbot/internal/faqtest"
	"github.com/faqbot/faqbot/internal/faqtest/servicetest"
	"github.com/faqbot/faqbot/internal/questionlog"
	"github.com/faqbot/faqbot/internal/questionlog/logdb"
)

// BenchmarkRecording measures what the question log costs the answer path: the same
// questions through two services over one index, one recording into SQLite and one
// not, interleaved (A/B, B/A) in rounds, so that both meet the same machine. It
// reports the ratio of the time per question with recording to without: min, median
// and max over the rounds; and, as a control for the machine's noise, the same
// ratio between two services that both do not record.
func BenchmarkRecording(b *testing.B) {
	db, err := logdb.Open(context.Background(), logdb.Config{Dir: b.TempDir()})
	if err != nil {
		b.Fatal(err)
	}
	defer db.Close()
	log := questionlog.New(questionlog.Config{}, db, nil, nil)
	defer log.Close(context.Background())
	store := servicetest.Store(b, faqtest.RepoContent, b.TempDir())
	cfg := answer.Config{Cooldown: -1}
	on, off, control := answer.New(cfg, store, log, nil), answer.New(cfg, store, nil, nil), answer.New(cfg, store, nil, nil)
	questions := []string{
		"Can I drink alcohol while on ketamine therapy?", "how long till ketamine works",
		"does ketamine help with migraines", "is it safe to take lexapro with spravato",
		"what's the weather in Paris", "i want to end my life",
	}
	const perRound = 1000
	from := faq.Origin{Transport: faq.TransportGateway, Server: "g", User: "u"}
	run := func(s *answer.Service) time.Duration {
		start := time.Now()
		for i := range perRound {
			if _, err := s.Ask(context.Background(), faq.Question{Origin: from, Text: questions[i%len(questions)]}); err != nil {
				b.Fatal(err)
			}
		}
		return time.Since(start)
	}
	run(on) // warm both paths and the caches
	run(off)
	var ratios, controls []float64
	var tOn, tOff time.Duration
	round := 0
	for b.Loop() {
		// Each round runs the three in another order.
		order := [][3]*answer.Service{{on, off, control}, {off, control, on}, {control, on, off}}[round%3]
		took := map[*answer.Service]time.Duration{}
		for _, s := range order {
			took[s] = run(s)
		}
		round++
		tOn, tOff = tOn+took[on], tOff+took[off]
		ratios = append(ratios, float64(took[on])/float64(took[off]))
		controls = append(controls, float64(took[control])/float64(took[off]))
	}
	slices.Sort(ratios)
	slices.Sort(controls)
	b.ReportMetric(ratios[0], "min-ratio")
	b.ReportMetric(ratios[len(ratios)/2], "median-ratio")
	b.ReportMetric(ratios[len(ratios)-1], "max-ratio")
	b.ReportMetric(controls[0], "control-min")
	b.ReportMetric(controls[len(controls)/2], "control-median")
	b.ReportMetric(controls[len(controls)-1], "control-max")
	b.ReportMetric(float64(tOn.Microseconds())/float64(round*perRound), "µs/ask-recorded")
	b.ReportMetric(float64(tOff.Microseconds())/float64(round*perRound), "µs/ask-unrecorded")
	b.ReportMetric(0, "ns/op")
}
