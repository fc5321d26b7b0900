package faq

import (
	"fmt"
	"strings"
	"time"
)

// Kind is what sort of reply an Answer is.
type Kind string

// Answer kinds.
const (
	// KindAnswer: a passage of the content answers the question.
	KindAnswer Kind = "answer"
	// KindSuggestions: the content may cover the question, but no passage surely
	// answers it; the Alternatives are the closest entries, offered to open, and no
	// passage text is given.
	KindSuggestions Kind = "suggestions"
	// KindNoAnswer: the content does not cover the question.
	KindNoAnswer Kind = "no_answer"
	// KindCrisis: the message suggests a crisis; it gets crisis resources and no passage.
	KindCrisis Kind = "crisis"
	// KindThanks: the acknowledgement of a rating (Service.Feedback).
	KindThanks Kind = "thanks"
	// KindEmergency: the message says someone has taken, or is about to take, too
	// much of something, or was poisoned; it gets emergency advice (and the crisis
	// resources too when it also suggests a crisis) and no passage.
	KindEmergency Kind = "emergency"
)

// Alternative is a runner-up passage, a suggested entry, or for a no-answer the
// nearest topic.
type Alternative struct {
	PassageID string  `json:"id"`
	Title     string  `json:"title"`
	Document  string  `json:"document"`
	Score     float64 `json:"score"`
}

// Answer is the reply to one question. Its JSON form is the `faqbot ask -json` contract.
type Answer struct {
	Question     string        `json:"question"`
	Kind         Kind          `json:"kind"`
	Title        string        `json:"title"`
	Text         string        `json:"text"`
	Document     string        `json:"document"`
	References   []Reference   `json:"references"`
	Disclaimer   string        `json:"disclaimer"`
	Score        float64       `json:"score"`
	Alternatives []Alternative `json:"alternatives"`

	// PassageID, DocumentID and Section locate the passage; Reviewed is its document's
	// review date. They are empty unless Kind is KindAnswer.
	PassageID  string    `json:"-"`
	DocumentID string    `json:"-"`
	Section    string    `json:"-"`
	Reviewed   time.Time `json:"-"`
}

// ReindexReport describes a finished reindex.
type ReindexReport struct {
	Documents int
	Passages  int
	Duration  time.Duration
	// First is true when no index was in service before: nothing to compare with.
	First bool
	// Added, Removed and Changed list passage titles that differ from the previous index.
	Added, Removed, Changed []string
}

// summaryTitles is how many titles of each change Summary names.
const summaryTitles = 5

// Summary says what a reindex did in a sentence or two, as every transport shows it:
// "Indexed 1 document, 21 passages in 25ms. Changed 1: How Long Does It Take…".
func (r ReindexReport) Summary() string {
	var b strings.Builder
	fmt.Fprintf(&b, "Indexed %s, %s in %s.", count(r.Documents, "document"), count(r.Passages, "passage"),
		r.Duration.Round(time.Millisecond))
	if r.First {
		return b.String()
	}
	if len(r.Added)+len(r.Removed)+len(r.Changed) == 0 {
		b.WriteString(" Nothing changed.")
	}
	for _, c := range []struct {
		name   string
		titles []string
	}{{"Added", r.Added}, {"Removed", r.Removed}, {"Changed", r.Changed}} {
		if len(c.titles) > 0 {
			fmt.Fprintf(&b, "\n%s %d: %s", c.name, len(c.titles), someTitles(c.titles, summaryTitles))
		}
	}
	return b.String()
}

// count is "1 document" or "3 documents".
func count(n int, noun string) string {
	if n == 1 {
		return "1 " + noun
	}
	return fmt.Sprintf("%d %ss", n, noun)
}

// someTitles lists up to n titles and says how many more there are.
func someTitles(titles []string, n int) string {
	shown := make([]string, 0, n)
	for _, t := range titles[:min(n, len(titles))] {
		if r := []rune(t); len(r) > 80 {
			t = string(r[:79]) + "…"
		}
		shown = append(shown, t)
	}
	s := strings.Join(shown, "; ")
	if len(titles) > n {
		s += fmt.Sprintf(" and %d more", len(titles)-n)
	}
	return s
}
