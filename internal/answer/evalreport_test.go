package answer_test

import (
	"fmt"
	"sort"
	"strings"
)

// String is the evaluation as the tests log it: the ranking and the decision,
// overall and per category.
func (ev evaluation) String() string {
	var b strings.Builder
	a := ev.all
	fmt.Fprintf(&b, "%d questions, %d answerable\n", a.questions, a.answerable)
	fmt.Fprintf(&b, "  ranking:  P@1 %.3f  MRR@10 %.3f  right entry in the top 10: %d/%d\n",
		a.p1(), a.mrr(), a.inTop, a.answerable)
	fmt.Fprintf(&b, "  decision: answer %d · suggestions %d · not covered %d\n", a.answers, a.suggestions, a.notCovered)
	fmt.Fprintf(&b, "  answerable: right entry the answer %d · among the suggestions %d · missing %d  (found %.1f%%)\n",
		a.rightAnswer, a.rightSuggested, a.missing, 100*a.found())
	fmt.Fprintf(&b, "  not covered: answered %d · suggestions %d · not covered %d\n",
		a.uncoveredAnswered, a.uncoveredSuggested, a.uncovered-a.uncoveredAnswered-a.uncoveredSuggested)
	fmt.Fprintf(&b, "  confident wrong answers: %d of %d answers\n", a.confidentWrong, a.given)
	if a.safety > 0 {
		fmt.Fprintf(&b, "  crisis and emergency: %d/%d right\n", a.safetyRight, a.safety)
	}
	var cats []string
	for c := range ev.byCat {
		cats = append(cats, c)
	}
	sort.Strings(cats)
	fmt.Fprintf(&b, "  %-22s %4s %6s %6s   %s\n", "category", "n", "P@1", "MRR", "answer right / suggested / missing · not covered: answered / suggested / not covered")
	for _, c := range cats {
		t := ev.byCat[c]
		switch {
		case t.safety > 0:
			fmt.Fprintf(&b, "  %-22s %4d %6s %6s   right %d/%d\n", c, t.questions, "", "", t.safetyRight, t.safety)
		default:
			fmt.Fprintf(&b, "  %-22s %4d %6s %6s   %d / %d / %d", c, t.questions, p(t.p1(), t.answerable), p(t.mrr(), t.answerable),
				t.rightAnswer, t.rightSuggested, t.missing)
			if t.uncovered > 0 {
				fmt.Fprintf(&b, " · %d / %d / %d", t.uncoveredAnswered, t.uncoveredSuggested, t.uncovered-t.uncoveredAnswered-t.uncoveredSuggested)
			}
			b.WriteString("\n")
		}
	}
	return b.String()
}

func p(v float64, n int) string {
	if n == 0 {
		return "-"
	}
	return fmt.Sprintf("%.3f", v)
}
