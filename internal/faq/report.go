package faq

import "time"

// ReportQuery selects what a moderator's report covers.
type ReportQuery struct {
	// Server is the Discord server (guild) id whose records are read; empty: all.
	Server string
	// Since is the earliest time covered.
	Since time.Time
	// Limit is the most rows returned; 0 means a default.
	Limit int
}

// Unanswered is a question the content did not cover, with the near-duplicates
// asked alongside it: what a moderator adds content or an "Also asked:" phrasing for.
type Unanswered struct {
	// Question is the most asked wording of the group, redacted.
	Question string
	// Count is how often the group was asked.
	Count int
	// Nearest is the passage closest to the question, "" when none was found.
	Nearest string
	// Wordings are the group's other wordings, most asked first.
	Wordings []string
	// Last is when the group was last asked.
	Last time.Time
}

// PassageFeedback is what readers said of one passage.
type PassageFeedback struct {
	PassageID          string
	Helpful, Unhelpful int
	// Comments are the latest things readers of an unhelpful vote were looking
	// for (or the questions they had asked), redacted, newest first.
	Comments []string
}

// HelpfulRate is the share of votes that found the passage helpful.
func (f PassageFeedback) HelpfulRate() float64 {
	if n := f.Helpful + f.Unhelpful; n > 0 {
		return float64(f.Helpful) / float64(n)
	}
	return 0
}

// DayStats counts the questions of one day (UTC) by outcome.
type DayStats struct {
	Day time.Time
	// Questions is every question handled, refused ones included.
	Questions int
	// Answered, NotCovered and Crisis are the questions answered with a passage,
	// not answered with one ("not covered", or the closest entries offered), and
	// given the crisis resources or emergency advice.
	Answered, NotCovered, Crisis int
	// Other is the rest: refused (too long, too soon), failed, and other kinds.
	Other int
}
