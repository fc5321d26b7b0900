package discord

import (
	"context"
	"errors"
	"io"
	"strings"
	"sync"
	"time"

	"github.com/faqbot/faqbot/internal/answer"
	"github.com/faqbot/faqbot/internal/faq"
	"github.com/faqbot/faqbot/internal/index"
)

// fakeLibrary is a tiny in-memory index for the unit tests of the Discord front end:
// the answering service in front of it is the real one, so refusals, crisis replies
// and texts are what users get. The end-to-end tests use the real index.
type fakeLibrary struct {
	mu      sync.Mutex
	doc     *faq.Document
	texts   map[string]string   // passage id -> text
	matches map[string][]string // question -> passage ids, the first answering
	near    map[string][]string // question -> nearest topics when not covered
	reindex func(context.Context) (faq.ReindexReport, error)
	asked   []string
}

var errFakeDown = errors.New("index down")

// Passage ids of the sample content.
const (
	sampleID = "ketamine-and-antidepressants#can-i-take-ketamine-while-on-an-ssri"
	worksID  = "ketamine-and-antidepressants#how-antidepressants-work"
	risksID  = "ketamine-and-antidepressants#potential-risks"
)

func newFakeLibrary() *fakeLibrary {
	doc := &faq.Document{
		ID:    "ketamine-and-antidepressants",
		Title: "Ketamine and Antidepressants",
		References: []faq.Reference{
			{Title: "NIMH: Depression", URL: "https://www.nimh.nih.gov/health/topics/depression"},
			{Title: "Healthline [review]", URL: "https://www.healthline.com/x"},
		},
		Reviewed:   time.Date(2026, 11, 25, 0, 0, 0, 0, time.UTC),
		Disclaimer: "This is general information, not medical advice.",
		Passages: []faq.Passage{
			{ID: sampleID, Kind: faq.KindFAQ, Title: "Can I take ketamine while on an SSRI?", Section: "Frequently Asked Questions"},
			{ID: worksID, Kind: faq.KindSection, Title: "How Antidepressants Work", Section: "How Antidepressants Work"},
			{ID: risksID, Kind: faq.KindSection, Title: "Potential Risks", Section: "Potential Risks"},
		},
	}
	for i := range 40 {
		doc.Passages = append(doc.Passages, faq.Passage{ID: "k#" + string(rune('a'+i)), Kind: faq.KindSection,
			Title: "Ketamine topic " + strings.Repeat("x", i*5)})
	}
	return &fakeLibrary{
		doc: doc,
		texts: map[string]string{
			sampleID: "Often, yes. Ketamine and SSRIs act on different systems.\n\n- Ask your prescriber first.\n- Report new side effects.",
			worksID:  "Antidepressants change the levels of chemical messengers in the brain.",
			risksID:  "Combining medicines can raise blood pressure.",
		},
		matches: map[string][]string{
			"can i take ketamine with an ssri":      {sampleID, worksID, risksID},
			"How Antidepressants Work":              {worksID},
			"Can I take ketamine while on an SSRI?": {sampleID, worksID, risksID},
		},
		near: map[string][]string{"what about lithium": {worksID}},
	}
}

func (f *fakeLibrary) entry(id string) (faq.Entry, bool) {
	for i := range f.doc.Passages {
		if p := &f.doc.Passages[i]; p.ID == id {
			return faq.Entry{Document: f.doc, Passage: p, Text: f.texts[id], Score: 1}, true
		}
	}
	return faq.Entry{}, false
}

func (f *fakeLibrary) entries(ids []string) []faq.Entry {
	var out []faq.Entry
	for _, id := range ids {
		if en, ok := f.entry(id); ok {
			out = append(out, en)
		}
	}
	return out
}

func (f *fakeLibrary) Find(_ context.Context, q string, n int) (faq.Match, error) {
	f.mu.Lock()
	defer f.mu.Unlock()
	f.asked = append(f.asked, q)
	if q == "index down" {
		return faq.Match{}, errFakeDown
	}
	if ids, ok := f.matches[q]; ok {
		return faq.Match{Verdict: faq.VerdictAnswer, Entries: f.entries(ids)}, nil
	}
	return faq.Match{Verdict: faq.VerdictNotCovered, Entries: f.entries(f.near[q])}, nil
}

func (f *fakeLibrary) Entry(id string) (faq.Entry, error) {
	if en, ok := f.entry(id); ok {
		return en, nil
	}
	return faq.Entry{}, index.ErrNotFound
}

func (f *fakeLibrary) Suggest(_ context.Context, prefix string, n int) ([]faq.Entry, error) {
	var out []faq.Entry
	for i := range f.doc.Passages {
		p := &f.doc.Passages[i]
		if strings.HasPrefix(strings.ToLower(p.Title), strings.ToLower(prefix)) && len(out) < n {
			out = append(out, faq.Entry{Document: f.doc, Passage: p})
		}
	}
	return out, nil
}

func (f *fakeLibrary) Explain(context.Context, io.Writer, string, int) error { return nil }

func (f *fakeLibrary) Reindex(ctx context.Context) (faq.ReindexReport, error) {
	if f.reindex != nil {
		return f.reindex(ctx)
	}
	return faq.ReindexReport{Documents: 1, Passages: 10, Duration: time.Second}, nil
}

func (f *fakeLibrary) ForceReindex(ctx context.Context) (faq.ReindexReport, error) {
	r, err := f.Reindex(ctx)
	r.Overridden = []faq.CheckFailure{{Path: "content/x.md", Line: 3, Problem: "forced"}}
	return r, err
}

func (f *fakeLibrary) Rollback(context.Context) (faq.RollbackReport, error) {
	return faq.RollbackReport{}, index.ErrNoEarlierBuild
}

func (f *fakeLibrary) Library() (faq.Library, error) {
	return faq.Library{Documents: []faq.Document{*f.doc}}, nil
}

func (f *fakeLibrary) Status() faq.Status {
	return faq.Status{Ready: true, Documents: 1, Passages: len(f.doc.Passages)}
}

// newTestBot returns a bot with cfg answering through the real service over lib, with
// no cooldown unless cooldown is set.
func newTestBot(cfg Config, lib *fakeLibrary, cooldown time.Duration) *Bot {
	if cooldown == 0 {
		cooldown = -1
	}
	cfg.MaxQuestion = answer.DefaultMaxQuestion
	return New(cfg, answer.New(answer.Config{Cooldown: cooldown}, lib, nil, nil), nil, nil)
}

// sampleAnswer is a passage answer with everything an embed shows.
func sampleAnswer() faq.Answer {
	lib := newFakeLibrary()
	en, _ := lib.entry(sampleID)
	return faq.Answer{
		Question:   "can i take ketamine with an ssri",
		Kind:       faq.KindAnswer,
		Title:      en.Passage.Title,
		Text:       en.Text,
		Document:   en.Document.Title,
		References: en.Document.References,
		Disclaimer: en.Document.Disclaimer,
		PassageID:  sampleID,
		DocumentID: en.Document.ID,
		Section:    en.Passage.Section,
		Reviewed:   en.Document.Reviewed,
		Alternatives: []faq.Alternative{
			{Title: "How Antidepressants Work", PassageID: worksID, Document: en.Document.Title},
			{Title: "Potential Risks", PassageID: risksID, Document: en.Document.Title},
		},
	}
}
