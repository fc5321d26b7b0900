package faq

// MaxComment is the longest comment a rating may carry, in characters; a longer one
// is EINVALID, and a transport asking for one says so (Discord's max_length).
const MaxComment = 500

// FeedbackRequest is a reader's rating of an answer, as a transport received it
// (a "Helpful" or "Not helpful" button, and what they were looking for).
type FeedbackRequest struct {
	// Origin is who rates: Origin.User is required, as the rating counts once per
	// person and answer; it is used for that and never passed on.
	Origin
	// Answer identifies the answer rated where the user saw it, such as the Discord
	// message id; with Origin.User it makes the vote's key. Empty: the passage.
	Answer string
	// PassageID is the passage the answer gave.
	PassageID string
	// Helpful is the rating.
	Helpful bool
	// Comment is what the reader was looking for; optional.
	Comment string
	// Question is the question the answer replied to, when the transport has it.
	Question string
}

// Vote is a rating as observers receive it (Event.Vote).
type Vote struct {
	// Key is the same for the same person rating the same answer, and says nothing
	// else: a keyed hash (HMAC-SHA256) of the user and the answer. A later vote with
	// the same key replaces the earlier one.
	Key     string
	Helpful bool
	// Comment is what the reader was looking for, as typed ("" when none, or when
	// it suggested a crisis). It may be personal health information.
	Comment string
}
