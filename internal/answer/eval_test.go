package answer_test

import (
	"context"
	"fmt"
	"slices"
	"strings"
	"testing"

	"github.com/faqbot/faqbot/internal/answer"
	"github.com/faqbot/faqbot/internal/faq"
)

// rankDepth is how deep the ranking is measured (MRR@10).
const rankDepth = 10

// finder is what the evaluation needs of the index in service: the ranking of a
// question, as the service gets it.
type finder interface {
	Find(ctx context.Context, question string, n int) (faq.Match, error)
}

// Outcome labels other than passage titles (testdata/README.md).
const (
	labelNoAnswer  = "no_answer"
	labelCrisis    = "crisis"
	labelEmergency = "emergency"
	// kindSuggestions is the answer kind offering the closest entries.
	kindSuggestions = "suggestions"
)

// tally counts what happened to a set of labelled questions, measuring the ranking
// and the decision apart.
type tally struct {
	questions int
	// The ranking, over answerable questions: how many, how many with a right
	// entry first, the sum of reciprocal ranks of the first right entry in the top
	// rankDepth, and how many have one there at all.
	answerable, top1, inTop int
	rr                      float64
	// The decision, over every question that is not a crisis or an emergency.
	answers, suggestions, notCovered int
	// Answerable questions: the right entry is the answer, among the suggestions,
	// or missing (not covered, or only wrong entries offered).
	rightAnswer, rightSuggested, missing int
	// Questions the content does not cover: answered (wrongly), offered
	// suggestions, or told "not covered".
	uncovered, uncoveredAnswered, uncoveredSuggested int
	// given counts the answers given (a passage) to any question, confidentWrong
	// those giving a passage where another, or none, was right.
	given, confidentWrong int
	// Crisis and emergency messages, and how many got their reply.
	safety, safetyRight int
}

func (t *tally) add(o tally) {
	t.questions += o.questions
	t.answerable += o.answerable
	t.top1 += o.top1
	t.inTop += o.inTop
	t.rr += o.rr
	t.answers += o.answers
	t.suggestions += o.suggestions
	t.notCovered += o.notCovered
	t.rightAnswer += o.rightAnswer
	t.rightSuggested += o.rightSuggested
	t.missing += o.missing
	t.uncovered += o.uncovered
	t.uncoveredAnswered += o.uncoveredAnswered
	t.uncoveredSuggested += o.uncoveredSuggested
	t.given += o.given
	t.confidentWrong += o.confidentWrong
	t.safety += o.safety
	t.safetyRight += o.safetyRight
}

func (t tally) p1() float64  { return ratio(t.top1, t.answerable) }
func (t tally) mrr() float64 { return ratio0(t.rr, t.answerable) }

// found is the share of answerable questions whose right entry is the answer or
// among the suggestions.
func (t tally) found() float64 { return ratio(t.rightAnswer+t.rightSuggested, t.answerable) }

func ratio(a, b int) float64 { return ratio0(float64(a), b) }

func ratio0(a float64, b int) float64 {
	if b == 0 {
		return 0
	}
	return a / float64(b)
}

// evaluation is a set's tally overall and per category.
type evaluation struct {
	all   tally
	byCat map[string]*tally
}

// evaluate asks every labelled question of set, and ranks every answerable one
// with f, and tallies the outcomes. With -v every question not answered right is
// logged with what it got.
func evaluate(t *testing.T, s *answer.Service, f finder, set []labelled) evaluation {
	t.Helper()
	ev := evaluation{byCat: map[string]*tally{}}
	for _, q := range set {
		one := judge(t, s, f, q)
		if ev.byCat[q.category] == nil {
			ev.byCat[q.category] = &tally{}
		}
		ev.byCat[q.category].add(one)
		ev.all.add(one)
	}
	return ev
}

// judge asks one labelled question and tallies it alone.
func judge(t *testing.T, s *answer.Service, f finder, q labelled) tally {
	t.Helper()
	var one tally
	one.questions = 1
	a := ask(t, s, q.question)
	kind := string(a.Kind)
	var titles []string
	for _, e := range q.expected {
		if e != labelNoAnswer && e != labelCrisis && e != labelEmergency {
			titles = append(titles, e)
		}
	}
	right := func(title string) bool { return slices.Contains(titles, title) }
	miss := func(format string, args ...any) {
		if testing.Verbose() {
			t.Logf("line %d [%s] %q: %s; want %q", q.line, q.category, q.question,
				fmt.Sprintf(format, args...), strings.Join(q.expected, " | "))
		}
	}
	if kind == string(faq.KindAnswer) {
		one.given = 1
		if !right(a.Title) {
			one.confidentWrong = 1
		}
	}
	if slices.Contains(q.expected, labelCrisis) || slices.Contains(q.expected, labelEmergency) {
		one.safety = 1
		if slices.Contains(q.expected, kind) {
			one.safetyRight = 1
		} else {
			miss("got %s %q", kind, a.Title)
		}
		return one
	}
	switch kind {
	case string(faq.KindAnswer):
		one.answers = 1
	case kindSuggestions:
		one.suggestions = 1
	default:
		one.notCovered = 1
	}
	suggested := false
	for _, alt := range a.Alternatives {
		suggested = suggested || right(alt.Title)
	}
	if len(titles) == 0 {
		one.uncovered = 1
		switch kind {
		case string(faq.KindAnswer):
			one.uncoveredAnswered = 1
			miss("answered %q (score %.2f)", a.Title, a.Score)
		case kindSuggestions:
			one.uncoveredSuggested = 1
			miss("offered %s", altTitles(a.Alternatives))
		}
		return one
	}
	one.answerable = 1
	m, err := f.Find(context.Background(), strings.TrimSpace(q.question), rankDepth)
	if err != nil {
		t.Fatalf("Find(%.40q): %v", q.question, err)
	}
	for i, en := range m.Entries {
		if right(en.Passage.Title) {
			one.inTop = 1
			one.rr = 1 / float64(i+1)
			if i == 0 {
				one.top1 = 1
			}
			break
		}
	}
	rankNote := "right entry not in the top 10"
	if one.inTop == 1 {
		rankNote = fmt.Sprintf("right entry ranked %d", int(1/one.rr+0.5))
	}
	miss = func(format string, args ...any) {
		if testing.Verbose() {
			t.Logf("line %d [%s] %q: %s; %s; want %q", q.line, q.category, q.question,
				fmt.Sprintf(format, args...), rankNote, strings.Join(q.expected, " | "))
		}
	}
	switch {
	case kind == string(faq.KindAnswer) && right(a.Title):
		one.rightAnswer = 1
	case kind == kindSuggestions && suggested:
		one.rightSuggested = 1
		miss("suggested it (%s)", altTitles(a.Alternatives))
	case kind == string(faq.KindAnswer):
		one.missing = 1
		miss("answered %q (score %.2f)", a.Title, a.Score)
	default:
		one.missing = 1
		miss("got %s (%s)", kind, altTitles(a.Alternatives))
	}
	return one
}

func altTitles(alts []faq.Alternative) string {
	titles := make([]string, len(alts))
	for i, a := range alts {
		titles[i] = fmt.Sprintf("%q", a.Title)
	}
	return strings.Join(titles, ", ")
}

// floors are the least a set must score; they sit a little under what was measured
// when they were set, so a change that makes answers worse fails and a better one
// can raise them.
type floors struct {
	p1, mrr float64
	// found is the share of answerable questions whose right entry is the answer
	// or among the suggestions.
	found float64
	// maxWrong is the most confident wrong answers allowed.
	maxWrong int
}

// check fails the test for every floor ev is under. Crisis and emergency messages
// must all get their reply, and no question the content does not cover may be
// answered.
func (ev evaluation) check(t *testing.T, f floors) {
	t.Helper()
	a := ev.all
	if a.p1() < f.p1 {
		t.Errorf("P@1 %.3f is below its floor %.3f", a.p1(), f.p1)
	}
	if a.mrr() < f.mrr {
		t.Errorf("MRR@10 %.3f is below its floor %.3f", a.mrr(), f.mrr)
	}
	if a.found() < f.found {
		t.Errorf("right entry answered or suggested for %.1f%% of answerable questions; the floor is %.1f%%", 100*a.found(), 100*f.found)
	}
	if a.confidentWrong > f.maxWrong {
		t.Errorf("%d confident wrong answers; at most %d allowed", a.confidentWrong, f.maxWrong)
	}
	if a.uncoveredAnswered > 0 {
		t.Errorf("%d questions the content does not cover were answered", a.uncoveredAnswered)
	}
	if a.safetyRight != a.safety {
		t.Errorf("%d of %d crisis and emergency messages did not get their reply", a.safety-a.safetyRight, a.safety)
	}
}
