package answer

import (
	"cmp"
	"context"
	"fmt"
	"runtime"
	"slices"
	"strings"
	"sync"

	"github.com/faqbot/faqbot/internal/faq"
	"github.com/faqbot/faqbot/internal/index"
)

// mustAnswer is one check a build is put through.
type mustAnswer struct {
	faq.Check
	// entry: the check is an FAQ entry's own question or "Also asked:" phrasing;
	// same are then the entries asked the same way (the entry among them), any of
	// which may answer it.
	entry bool
	same  []string
}

// Gate runs the must-answer checks against a candidate build (index.Gate): every
// FAQ entry's question and "Also asked:" phrasings must get that entry as the
// answer, and each check of the content's checks file what it says. Each question
// goes through the same decision as Ask — the emergency and crisis checks, the
// length limit, the search, the verdict — against the candidate, so that the checks
// judge what users would get. An entry whose question gets the emergency advice or
// the crisis resources passes: those come first by design, whatever the content. It
// returns how many checks it ran and those that failed, by file and line.
func (s *Service) Gate(ctx context.Context, c *index.Candidate) (int, []faq.CheckFailure, error) {
	checks := mustAnswers(c.Library())
	problems := make([]string, len(checks))
	errs := make([]error, len(checks))
	workers := min(runtime.GOMAXPROCS(0), max(1, len(checks)/16))
	var wg sync.WaitGroup
	for w := range workers {
		wg.Go(func() {
			for i := w; i < len(checks) && ctx.Err() == nil; i += workers {
				problems[i], errs[i] = s.judge(ctx, c, checks[i])
			}
		})
	}
	wg.Wait()
	if err := ctx.Err(); err != nil {
		return 0, nil, err
	}
	var failed []faq.CheckFailure
	for i, p := range problems {
		if errs[i] != nil {
			return 0, nil, errs[i]
		}
		if p != "" {
			failed = append(failed, faq.CheckFailure{Path: checks[i].Path, Line: checks[i].Line, Problem: p,
				Key: questionKey(checks[i].Question) + "\t" + checks[i].Expect})
		}
	}
	slices.SortStableFunc(failed, func(a, b faq.CheckFailure) int {
		return cmp.Or(cmp.Compare(a.Path, b.Path), cmp.Compare(a.Line, b.Line))
	})
	return len(checks), failed, nil
}

// mustAnswers lists the checks of lib: its FAQ entries' questions and phrasings,
// then its checks file's.
func mustAnswers(lib faq.Library) []mustAnswer {
	var out []mustAnswer
	asked := map[string][]string{} // question key -> the entries asked so
	for _, d := range lib.Documents {
		for _, p := range d.Passages {
			if p.Kind != faq.KindFAQ {
				continue
			}
			for _, q := range append([]string{p.Title}, p.Alternates...) {
				k := questionKey(q)
				if !slices.Contains(asked[k], p.ID) {
					asked[k] = append(asked[k], p.ID)
				}
				out = append(out, mustAnswer{Check: faq.Check{Question: q, Expect: p.ID, Path: d.Path, Line: p.Line}, entry: true})
			}
		}
	}
	for i := range out {
		out[i].same = asked[questionKey(out[i].Question)]
	}
	for _, c := range lib.Checks {
		out = append(out, mustAnswer{Check: c})
	}
	return out
}

// questionKey is a question with case, spacing and final punctuation ignored.
func questionKey(q string) string {
	return strings.TrimRight(strings.ToLower(strings.Join(strings.Fields(q), " ")), "?.! ")
}

// judge asks c the check's question and returns what is wrong with what it got,
// "" when it passes.
func (s *Service) judge(ctx context.Context, c *index.Candidate, m mustAnswer) (string, error) {
	a, err := s.ask(ctx, c, faq.Origin{}, normalise(m.Question))
	got := ""
	switch code := faq.ErrorCode(err); code {
	case "":
		got = s.got(a)
	case faq.EINVALID:
		got = fmt.Sprintf(gotRefused, faq.ErrorMessage(err))
	default:
		return "", err
	}
	if err == nil && s.passes(m, a) {
		return "", nil
	}
	switch {
	case m.entry:
		return fmt.Sprintf(entryCheckText, m.Question, got), nil
	case m.Expect == faq.ExpectNotCovered:
		return fmt.Sprintf(fileCheckText, m.Question, wantNotCovered, got), nil
	case m.Expect == faq.ExpectCrisis:
		return fmt.Sprintf(fileCheckText, m.Question, gotCrisis, got), nil
	case m.Expect == faq.ExpectEmergency:
		return fmt.Sprintf(fileCheckText, m.Question, gotEmergency, got), nil
	case !c.Has(m.Expect):
		return fmt.Sprintf(missingCheckText, m.Question, m.Expect, got), nil
	}
	return fmt.Sprintf(fileCheckText, m.Question, fmt.Sprintf(gotAnswer, m.Expect), got), nil
}

// passes reports whether a is what the check m asks for.
func (s *Service) passes(m mustAnswer, a faq.Answer) bool {
	switch {
	case m.entry:
		return a.Kind == faq.KindCrisis || a.Kind == faq.KindEmergency ||
			(a.Kind == faq.KindAnswer && slices.Contains(m.same, a.PassageID))
	case m.Expect == faq.ExpectNotCovered:
		return a.Kind == faq.KindNoAnswer || a.Kind == faq.KindSuggestions
	case m.Expect == faq.ExpectCrisis:
		// An emergency that also suggests a crisis gets the crisis resources after
		// the emergency advice.
		return a.Kind == faq.KindCrisis || (a.Kind == faq.KindEmergency && strings.Contains(a.Text, s.cfg.CrisisText))
	case m.Expect == faq.ExpectEmergency:
		return a.Kind == faq.KindEmergency
	}
	return a.Kind == faq.KindAnswer && a.PassageID == m.Expect
}

// got says what reply a is, as a failed check reports it.
func (s *Service) got(a faq.Answer) string {
	switch a.Kind {
	case faq.KindAnswer:
		return fmt.Sprintf(gotAnswer, a.PassageID)
	case faq.KindSuggestions:
		ids := make([]string, len(a.Alternatives))
		for i, alt := range a.Alternatives {
			ids[i] = alt.PassageID
		}
		return fmt.Sprintf(gotSuggestions, strings.Join(ids, ", "))
	case faq.KindCrisis:
		return gotCrisis
	case faq.KindEmergency:
		return gotEmergency
	case faq.KindNoAnswer:
		if a.Text == NoQuestionText {
			return gotNoQuestion
		}
	}
	return gotNotCovered
}
