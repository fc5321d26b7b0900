package faq

import "fmt"

// What a Check may expect besides a passage ID.
const (
	// ExpectNotCovered: the question must get no passage. The "not covered" reply
	// passes, and so does the one offering the closest entries (KindSuggestions),
	// which shows their titles but no passage's text.
	ExpectNotCovered = "not covered"
	// ExpectCrisis: the question must get the crisis resources (KindCrisis).
	ExpectCrisis = "crisis"
	// ExpectEmergency: the question must get the emergency advice (KindEmergency).
	ExpectEmergency = "emergency"
)

// Check is a question the content must answer a set way, written by a moderator
// (content/checks.tsv): every build is checked against every check, and against
// each FAQ entry's own question and "Also asked:" phrasings, before it is put in
// service.
type Check struct {
	// Question is asked as a user would ask it.
	Question string
	// Expect is the ID of the passage that must be the answer, or one of
	// ExpectNotCovered, ExpectCrisis and ExpectEmergency.
	Expect string
	// Path and Line say where the check is written.
	Path string
	Line int
}

// CheckFailure is a check a build failed: where it is written (for an FAQ entry's
// own question, the entry's heading) and what is wrong, in a sentence.
type CheckFailure struct {
	Path    string
	Line    int
	Problem string
	// Key names the check whatever line it is on: its question and expectation. A
	// build is refused only for checks whose keys did not fail in the build in
	// service too.
	Key string
}

// String returns "path:line: problem", as content problems are written.
func (f CheckFailure) String() string {
	if f.Line > 0 {
		return fmt.Sprintf("%s:%d: %s", f.Path, f.Line, f.Problem)
	}
	return fmt.Sprintf("%s: %s", f.Path, f.Problem)
}
