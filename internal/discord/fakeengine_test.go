package discord

import (
	"context"
	"errors"
	"strings"
	"sync"
	"time"

	"github.com/faqbot/faqbot/internal/faq"
)

// fakeEngine is a tiny in-memory Engine for the unit tests of the core; the end-to-end
// tests use the real engine.
type fakeEngine struct {
	mu       sync.Mutex
	answers  map[string]faq.Answer // by question
	passages map[string]faq.Answer // by passage id
	suggest  []faq.Alternative
	reindex  func(context.Context) (faq.ReindexReport, error)
	asked    []string
}

var errFakeDown = errors.New("engine down")

func (f *fakeEngine) Answer(_ context.Context, q string) (faq.Answer, error) {
	f.mu.Lock()
	defer f.mu.Unlock()
	f.asked = append(f.asked, q)
	if q == "engine down" {
		return faq.Answer{}, errFakeDown
	}
	if a, ok := f.answers[q]; ok {
		return a, nil
	}
	return faq.Answer{Question: q, Kind: faq.KindNoAnswer, Text: "not covered"}, nil
}

func (f *fakeEngine) Suggest(_ context.Context, prefix string, limit int) ([]faq.Alternative, error) {
	var out []faq.Alternative
	for _, s := range f.suggest {
		if strings.HasPrefix(strings.ToLower(s.Title), strings.ToLower(prefix)) && len(out) < limit {
			out = append(out, s)
		}
	}
	return out, nil
}

func (f *fakeEngine) Passage(_ context.Context, id string) (faq.Answer, error) {
	if a, ok := f.passages[id]; ok {
		return a, nil
	}
	return faq.Answer{}, errors.New("passage not found")
}

func (f *fakeEngine) Reindex(ctx context.Context) (faq.ReindexReport, error) {
	if f.reindex != nil {
		return f.reindex(ctx)
	}
	return faq.ReindexReport{Documents: 1, Passages: 10, Duration: time.Second}, nil
}

// sampleAnswer is a passage answer with everything an embed shows.
func sampleAnswer() faq.Answer {
	return faq.Answer{
		Question: "can i take ketamine with an ssri",
		Kind:     faq.KindAnswer,
		Title:    "Can I take ketamine while on an SSRI?",
		Text:     "Often, yes. Ketamine and SSRIs act on different systems.\n\n- Ask your prescriber first.\n- Report new side effects.",
		Document: "Ketamine and Antidepressants",
		References: []faq.Reference{
			{Title: "NIMH: Depression", URL: "https://www.nimh.nih.gov/health/topics/depression"},
			{Title: "Healthline [review]", URL: "https://www.healthline.com/x"},
		},
		Disclaimer: "This is general information, not medical advice.",
		PassageID:  "ketamine-and-antidepressants#can-i-take-ketamine-while-on-an-ssri",
		DocumentID: "ketamine-and-antidepressants",
		Section:    "Frequently Asked Questions",
		Reviewed:   time.Date(2026, 11, 25, 0, 0, 0, 0, time.UTC),
		Alternatives: []faq.Alternative{
			{Title: "How Antidepressants Work", PassageID: "ketamine-and-antidepressants#how-antidepressants-work", Document: "Ketamine and Antidepressants"},
			{Title: "Potential Risks", PassageID: "ketamine-and-antidepressants#potential-risks", Document: "Ketamine and Antidepressants"},
		},
	}
}

func newFakeEngine() *fakeEngine {
	a := sampleAnswer()
	other := a
	other.Title, other.PassageID, other.Alternatives = "How Antidepressants Work", a.Alternatives[0].PassageID, nil
	f := &fakeEngine{
		answers: map[string]faq.Answer{
			"can i take ketamine with an ssri": a,
			"i want to end my life":            {Kind: faq.KindCrisis, Text: "If you are in danger, call 988 (US) or your local emergency number."},
			"what about lithium": {Kind: faq.KindNoAnswer, Text: "SECRET-NOT-A-PASSAGE", Disclaimer: "Not medical advice.",
				Alternatives: []faq.Alternative{{Title: "How Antidepressants Work", PassageID: other.PassageID, Document: "Ketamine and Antidepressants"}}},
			"How Antidepressants Work": other,
		},
		passages: map[string]faq.Answer{a.PassageID: a, other.PassageID: other},
	}
	for i := range 40 {
		f.suggest = append(f.suggest, faq.Alternative{Title: "Ketamine topic " + strings.Repeat("x", i*5), PassageID: "k#" + string(rune('a'+i))})
	}
	return f
}
