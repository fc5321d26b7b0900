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
	// ReviewNotice says that the answer's document is overdue for review, when it
	// is (a sentence every transport shows with the answer); "" otherwise.
	ReviewNotice string `json:"review_notice"`
	// PassageID is the passage's ID, as a checks file names it.
	PassageID string `json:"id"`

	// DocumentID and Section locate the passage; Reviewed is its document's review
	// date. They, and PassageID, are empty unless Kind is KindAnswer.
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
	// Checks is how many must-answer checks the build was put through.
	Checks int
	// Overridden are the checks that failed when a moderator put the build in
	// service anyway (a forced reindex); empty otherwise.
	Overridden []CheckFailure
	// StillFailing are checks that failed in the build in service already, and so
	// did not refuse this one: content that has long failed them (a large import)
	// does not need forcing at every reindex. Empty for a forced reindex.
	StillFailing []CheckFailure
}

// RollbackReport describes a rollback: the build put back in service.
type RollbackReport struct {
	// Built is when that build was made; Documents and Passages are its size.
	Built               time.Time
	Documents, Passages int
	// From is when the build taken out of service was made.
	From time.Time
}

// Summary says what a rollback did, as every transport shows it.
func (r RollbackReport) Summary() string {
	return fmt.Sprintf("Rolled back to the build of %s (%s, %s), in service instead of the build of %s.",
		r.Built.UTC().Format(buildTime), count(r.Documents, "document"), count(r.Passages, "passage"),
		r.From.UTC().Format(buildTime))
}

// buildTime is how a build's time is written.
const buildTime = "2 January 2006 15:04:05 UTC"

// summaryTitles is how many titles of each change Summary names.
const summaryTitles = 5

// Summary says what a reindex did in a sentence or two, as every transport shows it:
// "Indexed 1 document, 21 passages in 25ms. Changed 1: How Long Does It Take…".
func (r ReindexReport) Summary() string {
	var b strings.Builder
	fmt.Fprintf(&b, "Indexed %s, %s in %s.", count(r.Documents, "document"), count(r.Passages, "passage"),
		r.Duration.Round(time.Millisecond))
	switch {
	case len(r.Overridden) > 0:
		fmt.Fprintf(&b, " Forced: %d of %s failed, and the build was put in service anyway.",
			len(r.Overridden), count(r.Checks, "check"))
	case len(r.StillFailing) > 0:
		fmt.Fprintf(&b, " %d of %s still fail, as they did in the build in service; no other check failed.",
			len(r.StillFailing), count(r.Checks, "check"))
	case r.Checks > 0:
		fmt.Fprintf(&b, " All %s passed.", count(r.Checks, "check"))
	}
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
		shown = append(shown, Shorten(t, 80))
	}
	s := strings.Join(shown, "; ")
	if len(titles) > n {
		s += fmt.Sprintf(" and %d more", len(titles)-n)
	}
	return s
}
