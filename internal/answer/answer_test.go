package answer_test

import (
	"context"
	"errors"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/faqbot/faqbot/internal/answer"
	"github.com/faqbot/faqbot/internal/faq"
	"github.com/faqbot/faqbot/internal/faqtest"
	"github.com/faqbot/faqbot/internal/faqtest/servicetest"
	"github.com/faqbot/faqbot/internal/index"
	"github.com/faqbot/faqbot/internal/search"
)

const alcoholFAQ = "Can I Drink Alcohol While Undergoing Ketamine Therapy?"

// countingLibrary counts what reaches the index.
type countingLibrary struct {
	*index.Store
	mu    sync.Mutex
	finds int
}

func (c *countingLibrary) Find(ctx context.Context, q string, n int) (faq.Match, error) {
	c.mu.Lock()
	c.finds++
	c.mu.Unlock()
	return c.Store.Find(ctx, q, n)
}

// openStore returns a Store over content with a build in service.
func openStore(t testing.TB, content string) *index.Store {
	t.Helper()
	return servicetest.Store(t, content, t.TempDir())
}

// openSeed returns a service over the shipped content with cfg, recording its events.
func openSeed(t testing.TB, cfg answer.Config) (*answer.Service, *faqtest.Events) {
	t.Helper()
	rec := &faqtest.Events{}
	return answer.New(cfg, openStore(t, faqtest.RepoContent), rec, nil), rec
}

// ask asks q from the command line (no user, so no cooldown).
func ask(t testing.TB, s *answer.Service, q string) faq.Answer {
	t.Helper()
	a, err := s.Ask(context.Background(), faq.Question{Origin: faq.Origin{Transport: faq.TransportCLI}, Text: q})
	if err != nil {
		t.Fatalf("Ask(%.40q): %v", q, err)
	}
	return a
}

func TestAnswerSeedFAQ(t *testing.T) {
	s, rec := openSeed(t, answer.Config{})
	a := ask(t, s, "  Can I drink alcohol while on ketamine therapy?\n")
	if a.Kind != faq.KindAnswer || a.Title != alcoholFAQ {
		t.Fatalf("Ask = %s %q; want the alcohol FAQ entry", a.Kind, a.Title)
	}
	if a.Question != "Can I drink alcohol while on ketamine therapy?" {
		t.Errorf("Question = %q; want it trimmed", a.Question)
	}
	if !strings.Contains(a.Text, "avoid alcohol") || len(a.References) != 8 || a.Disclaimer != answer.DefaultDisclaimer {
		t.Errorf("answer text %.40q, %d references, disclaimer %q; want the FAQ answer, 8 references, the default disclaimer",
			a.Text, len(a.References), a.Disclaimer)
	}
	if a.Score <= 0 || a.Reviewed.IsZero() || a.Document == "" || len(a.Alternatives) == 0 || len(a.Alternatives) > 3 {
		t.Errorf("Score %v, Reviewed %v, Document %q, %d alternatives; want all set, at most 3 runners-up",
			a.Score, a.Reviewed, a.Document, len(a.Alternatives))
	}
	ev := rec.All()
	if len(ev) != 1 || ev[0].Action != faq.ActionAsk || ev[0].Kind != faq.KindAnswer || ev[0].PassageID != a.PassageID ||
		ev[0].Transport != faq.TransportCLI || ev[0].Question != a.Question || ev[0].Code != "" {
		t.Errorf("events = %+v; want one ask event with the answer's passage", ev)
	}
}

func TestAnswerKinds(t *testing.T) {
	s, _ := openSeed(t, answer.Config{})
	tests := []struct {
		question string
		want     faq.Kind
		text     string
	}{
		{"I want to kill myself", faq.KindCrisis, "988"},
		{"my son just swallowed a bunch of my zoloft", faq.KindEmergency, "1-800-222-1222"},
		{"can you overdose on ketamine?", faq.KindNoAnswer, answer.NotCoveredText},
		{"What is the capital of France?", faq.KindNoAnswer, answer.NotCoveredText},
		{"?!?!...;;;", faq.KindNoAnswer, answer.NoQuestionText},
		{"   ", faq.KindNoAnswer, answer.NoQuestionText},
		{"How long does ketamine take to work?", faq.KindAnswer, ""},
	}
	for _, tt := range tests {
		a := ask(t, s, tt.question)
		if a.Kind != tt.want || !strings.Contains(a.Text, tt.text) {
			t.Errorf("Ask(%q) = %s %q (%.40q); want %s with %q", tt.question, a.Kind, a.Title, a.Text, tt.want, tt.text)
		}
		if (a.Kind == faq.KindCrisis || a.Kind == faq.KindEmergency) && (a.Title != "" || a.PassageID != "" || a.Disclaimer != "" || len(a.Alternatives) > 0) {
			t.Errorf("%s answer = %+v; want resources and no passage", a.Kind, a)
		}
		if a.Kind == faq.KindNoAnswer && (a.PassageID != "" || a.Disclaimer == "") {
			t.Errorf("no_answer = %+v; want no passage and a disclaimer", a)
		}
	}
}

func TestBadQuestions(t *testing.T) {
	s, _ := openSeed(t, answer.Config{})
	for _, q := range []string{
		"+title:x -y* ~2 ^5",
		`title:"alcohol" AND body:ketamine~2`,
		"\xff\xfe invalid utf8 \xc3",
		"* ? ( ) [ ] { } \\ / : ^ ~",
	} {
		if a := ask(t, s, q); a.Kind == faq.KindAnswer {
			t.Errorf("Ask(%.40q) = answer %q; want no_answer", q, a.Title)
		}
	}
	for _, q := range []string{strings.Repeat("ketamine ", 1200), strings.Repeat("x", 10000)} {
		_, err := s.Ask(context.Background(), faq.Question{Text: q})
		if faq.ErrorCode(err) != faq.EINVALID || !strings.Contains(faq.ErrorMessage(err), "under 1000 characters") {
			t.Errorf("Ask(%.20q…) error = %v; want EINVALID saying the limit", q, err)
		}
	}
}

// TestRefusalsNeverReachTheIndex: a question refused for its length or the cooldown
// is not searched, and is observed as a refusal, not as a question; a crisis message
// gets the resources whatever it would be refused for.
func TestRefusalsNeverReachTheIndex(t *testing.T) {
	lib := &countingLibrary{Store: openStore(t, faqtest.RepoContent)}
	rec := &faqtest.Events{}
	s := answer.New(answer.Config{Cooldown: time.Hour}, lib, rec, nil)
	user := faq.Origin{Transport: faq.TransportGateway, Server: "1", User: "u1"}
	askAs := func(q string) (faq.Answer, error) {
		return s.Ask(context.Background(), faq.Question{Origin: user, Text: q})
	}
	if _, err := askAs("how long does ketamine take to work"); err != nil {
		t.Fatal(err)
	}
	_, err := askAs("can i drink alcohol on ketamine")
	if faq.ErrorCode(err) != faq.ERATELIMIT || !strings.Contains(faq.ErrorMessage(err), "wait 3600 second") {
		t.Errorf("second question within the cooldown: %v; want ERATELIMIT saying how long to wait", err)
	}
	if _, err := askAs(strings.Repeat("ketamine ", 200)); faq.ErrorCode(err) != faq.EINVALID {
		t.Errorf("too long a question: %v; want EINVALID", err)
	}
	for _, q := range []string{"i want to end my life", "i want to end my life" + strings.Repeat(" please", 200)} {
		if a, err := askAs(q); err != nil || a.Kind != faq.KindCrisis {
			t.Errorf("refused crisis message %.30q = %s, %v; want the resources", q, a.Kind, err)
		}
	}
	if lib.finds != 1 {
		t.Errorf("the index was searched %d times; want once (refusals and crisis messages are not searched)", lib.finds)
	}
	var codes []string
	for _, e := range rec.All() {
		codes = append(codes, e.Code)
	}
	if strings.Join(codes, ",") != ",rate_limited,invalid,," {
		t.Errorf("event codes = %q; want the two refusals between the answers", codes)
	}
}

func TestDisclaimerOverrideAndPassage(t *testing.T) {
	content := faqtest.Content(t)
	faqtest.WriteFile(t, filepath.Join(content, "bees.md"), faqtest.BeesDoc("Ask a beekeeper."))
	rec := &faqtest.Events{}
	s := answer.New(answer.Config{Disclaimer: "Configured."}, openStore(t, content), rec, nil)
	if a := ask(t, s, "how do honey bees make honey"); a.Kind != faq.KindAnswer || a.Disclaimer != "Ask a beekeeper." {
		t.Errorf("bees answer = %s %q disclaimer %q; want the document's disclaimer", a.Kind, a.Title, a.Disclaimer)
	}
	a := ask(t, s, "can I drink alcohol on ketamine")
	if a.Disclaimer != "Configured." {
		t.Errorf("disclaimer = %q; want the configured one", a.Disclaimer)
	}
	from := faq.Origin{Transport: faq.TransportEndpoint, Server: "7"}
	p, err := s.Passage(context.Background(), from, a.PassageID)
	if err != nil || p.Title != a.Title || p.Text != a.Text || p.Kind != faq.KindAnswer {
		t.Errorf("Passage(%q) = %q, %v; want %q with its text", a.PassageID, p.Title, err, a.Title)
	}
	_, err = s.Passage(context.Background(), from, "nope#nope")
	if faq.ErrorCode(err) != faq.ENOTFOUND || !strings.Contains(faq.ErrorMessage(err), "no longer in the index") {
		t.Errorf("Passage(unknown) error = %v; want ENOTFOUND", err)
	}
	ev := rec.All()
	last := ev[len(ev)-1]
	if last.Action != faq.ActionOpen || last.Server != "7" || last.Code != faq.ENOTFOUND {
		t.Errorf("last event = %+v; want the failed open from server 7", last)
	}
}

func TestRelated(t *testing.T) {
	s, rec := openSeed(t, answer.Config{})
	a := ask(t, s, "Can I drink alcohol while on ketamine therapy?")
	alts, err := s.Related(context.Background(), faq.Question{Text: a.Question}, a.PassageID)
	if err != nil || len(alts) == 0 {
		t.Fatalf("Related = %v, %v; want runners-up", alts, err)
	}
	for _, alt := range alts {
		if alt.PassageID == a.PassageID {
			t.Errorf("Related lists the excluded passage %q", alt.PassageID)
		}
	}
	// Without the question: those closest to the passage's own title.
	if alts, err := s.Related(context.Background(), faq.Question{}, a.PassageID); err != nil || len(alts) == 0 {
		t.Errorf("Related without a question = %v, %v; want the title's neighbours", alts, err)
	}
	if _, err := s.Related(context.Background(), faq.Question{}, "gone#gone"); faq.ErrorCode(err) != faq.ENOTFOUND {
		t.Errorf("Related of a passage no longer there: %v; want ENOTFOUND", err)
	}
	for _, e := range rec.All()[1:] {
		if e.Action != faq.ActionRelated {
			t.Errorf("event %+v; want related, not counted as a question", e)
		}
	}
}

func TestSuggest(t *testing.T) {
	s, rec := openSeed(t, answer.Config{})
	alts, err := s.Suggest(context.Background(), "alco", 25)
	if err != nil || len(alts) == 0 || alts[0].Title != alcoholFAQ || alts[0].Document == "" || alts[0].PassageID == "" {
		t.Errorf("Suggest(alco) = %+v, %v; want the alcohol FAQ first", alts, err)
	}
	if alts, _ := s.Suggest(context.Background(), "", 5); len(alts) != 5 {
		t.Errorf("Suggest with nothing typed = %d titles; want 5", len(alts))
	}
	if n := len(rec.All()); n != 0 {
		t.Errorf("autocomplete made %d events; want none", n)
	}
}

func TestErrorsCarryCodesAndTexts(t *testing.T) {
	content := faqtest.Content(t)
	store, err := index.New(index.Config{ContentDir: content, IndexDir: filepath.Join(t.TempDir(), "index")}, search.Backend{}, nil)
	if err != nil {
		t.Fatal(err)
	}
	defer store.Close()
	rec := &faqtest.Events{}
	s := answer.New(answer.Config{}, store, rec, nil)
	ctx := context.Background()
	if _, err := s.Ask(ctx, faq.Question{Text: "ketamine"}); faq.ErrorCode(err) != faq.EUNAVAILABLE ||
		!strings.Contains(faq.ErrorMessage(err), "still loading") || s.Status().Ready {
		t.Errorf("Ask before the index is loaded: %v (ready %v); want EUNAVAILABLE", err, s.Status().Ready)
	}
	broken := filepath.Join(content, "broken.md")
	faqtest.WriteFile(t, broken, "no front matter\n")
	if _, err := s.Reindex(ctx, faq.ReindexRequest{}); !strings.Contains(faq.ErrorMessage(err), "no index was put in service") {
		t.Errorf("first Reindex of broken content: %v; want it to say nothing is in service", err)
	}
	if err := os.Remove(broken); err != nil {
		t.Fatal(err)
	}
	if _, err := s.Reindex(ctx, faq.ReindexRequest{}); err != nil {
		t.Fatal(err)
	}
	faqtest.WriteFile(t, broken, "no front matter\n")
	_, err = s.Reindex(ctx, faq.ReindexRequest{})
	var fe *faq.Error
	if !errors.As(err, &fe) || fe.Code != faq.EINVALID || !strings.Contains(fe.Message, "previous index is still serving") ||
		!strings.Contains(fe.Details, "broken.md") {
		t.Errorf("Reindex of broken content: %#v; want EINVALID with the file in its details", err)
	}
	ev := rec.All()
	if last := ev[len(ev)-1]; last.Action != faq.ActionReindex || last.Code != faq.EINVALID || last.Reindex != nil {
		t.Errorf("last event = %+v; want the failed reindex", last)
	}
	if a := ask(t, s, "how long does ketamine take to work"); a.Kind != faq.KindAnswer {
		t.Errorf("after a failed reindex: %s; want the previous index answering", a.Kind)
	}
	store.Close()
	if _, err := s.Ask(ctx, faq.Question{Text: "ketamine"}); faq.ErrorCode(err) != faq.EUNAVAILABLE {
		t.Errorf("Ask after Close: %v; want EUNAVAILABLE", err)
	}
}
