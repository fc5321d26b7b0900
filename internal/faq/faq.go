// Package faq holds the domain types of faqbot: the documents and passages the bot
// answers from, and the answers it gives. It depends on the standard library only.
package faq

import "time"

// Reference is a source a document cites.
type Reference struct {
	Title string `json:"title"`
	URL   string `json:"url"`
}

// Document is one content file: an article or an FAQ page.
type Document struct {
	// ID is the file name without extension, e.g. "ketamine-and-antidepressants".
	ID string
	// Path is the file's path as it was loaded, for error messages.
	Path       string
	Title      string
	Summary    string
	References []Reference
	// Reviewed is when the content was last reviewed; zero when unknown.
	Reviewed time.Time
	// ReviewEvery is how long a review stays current for this document, overriding
	// the configured maximum age (REVIEW_MAX_AGE); zero: the configured one.
	ReviewEvery Period
	// Disclaimer overrides the configured disclaimer for this document when set.
	Disclaimer string
	Passages   []Passage
}

// PassageKind tells an article section from an FAQ entry.
type PassageKind string

// Passage kinds.
const (
	KindIntro   PassageKind = "intro"   // text before the first ## heading
	KindSection PassageKind = "section" // a ## section or a ### sub-section
	KindFAQ     PassageKind = "faq"     // a ### question under "Frequently Asked Questions"
)

// Passage is the unit of an answer: one section, sub-section or FAQ entry.
type Passage struct {
	// ID is unique across all content: "<document id>#<heading slug>".
	ID         string
	DocumentID string
	Kind       PassageKind
	// Title is the heading text; for an FAQ entry, the question.
	Title string
	// Section is the ## heading the passage sits under (equal to Title for a ## section).
	Section string
	// Alternates are other phrasings of the question or topic ("Also asked:").
	Alternates []string
	// Text is the passage as a user sees it, in Markdown (lists and tables kept).
	Text string
	// Plain is the passage as plain text, for indexing.
	Plain string
	// Line is the 1-based line of the passage's heading in its file.
	Line int
}

// SynonymRule says which words or phrases a reader may use for one another, e.g. a
// brand name, its generic name and its drug class. With Input empty, all of Synonyms
// are equivalent; otherwise each Input term also matches each of Synonyms (one way).
type SynonymRule struct {
	Input    []string
	Synonyms []string
}

// Library is everything loaded from a content directory.
type Library struct {
	Documents []Document
	Synonyms  []SynonymRule
	// Checks are the moderators' must-answer checks (content/checks.tsv).
	Checks []Check
}

// Passages returns the number of passages in the library.
func (l Library) Passages() int {
	n := 0
	for _, d := range l.Documents {
		n += len(d.Passages)
	}
	return n
}
