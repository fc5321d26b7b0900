package answer

import (
	"github.com/faqbot/faqbot/internal/safety"
)

// Every sentence a user reads about an outcome is written here, once; transports
// only lay it out. A second language is a second set of these.

// DefaultDisclaimer is shown with every answer unless configuration or the
// document overrides it.
const DefaultDisclaimer = "This is general information, not medical advice. " +
	"Talk to your healthcare provider before starting, stopping or combining any medication."

// DefaultCrisisText is the reply to a message that suggests a crisis.
const DefaultCrisisText = safety.DefaultMessage

// DefaultEmergencyText is the reply to a message saying someone has taken too much of
// something or was poisoned.
const DefaultEmergencyText = safety.DefaultEmergencyMessage

// SuggestionsText opens the reply offering the closest entries when no passage surely
// answers a question; the entries follow it.
const SuggestionsText = "I'm not sure this is covered; these entries are the closest:"

// NotCoveredText is the reply text when the content does not answer a question.
const NotCoveredText = "This isn't covered in the content I answer from, so I can't give a reliable answer. " +
	"Please ask a healthcare professional."

// NoQuestionText is the reply text when a message has no words to search for
// (empty, punctuation, only greetings).
const NoQuestionText = "I didn't find a question in that message. Please ask in a few words what you want to know."

// ThanksText acknowledges a rating of an answer.
const ThanksText = "Thanks for the feedback — it helps the moderators improve the answers."

// Refusals and failures, as the user reads them (the Message of the *faq.Error).
const (
	tooLongText     = "That question is a bit long for me — please ask it in under %d characters."
	cooldownText    = "You're asking quickly! Please wait %d second(s) and ask again."
	goneText        = "That passage is no longer in the index. Please ask again."
	loadingText     = "I'm still loading the content I answer from. Please try again in a moment."
	closedText      = "I'm shutting down. Please try again in a moment."
	runningText     = "A reindex is already running; this one was not started. The answers will switch over when it finishes."
	noContentText   = "There is no content directory to index."
	noVoterText     = "Feedback needs someone to give it."
	noPassageText   = "That answer can't be rated: it names no passage."
	longCommentText = "That's a bit long — please say it in under %d characters."
	badContentText  = "Reindex failed — the content has problems, so %s."
	// What a failed reindex leaves: the build in service, or none (the first build).
	stillServingText   = "the previous index is still serving answers"
	nothingServingText = "no index was put in service"
	// checksFailedText takes the number of checks failed and of checks, then one of
	// the two above.
	checksFailedText = "Reindex refused — %d of %d must-answer checks failed, so %s. " +
		"Fix the content or the checks, or reindex with force to put it in service anyway."
	// stillFailingText adds to checksFailedText how many other checks fail in the
	// build in service too (they alone do not refuse a build).
	stillFailingText = " %d more fail as they do in the build in service; those alone would not have refused it."
	noEarlierText    = "There is no earlier build to roll back to."
)

// ReviewNoticeText is said with an answer from a document overdue for review; it
// takes the document's review date.
const ReviewNoticeText = "This answer's source was last reviewed on %s and is overdue for review: it may be out of date."

// How a failed must-answer check is written ("file:line: " comes before): what the
// question should get and what it got.
const (
	// entryCheckText takes the question and what it got.
	entryCheckText = "question %q should get this entry as the answer; it gets %s"
	// fileCheckText takes the question, what it should get and what it got.
	fileCheckText = "%q should get %s; it gets %s"
	// missingCheckText takes the question and the passage ID the check expects.
	missingCheckText = "%q should get the answer %s, which is not in the content (was its heading renamed?); it gets %s"
	gotAnswer        = "the answer %s"
	gotSuggestions   = "the closest entries (%s)"
	gotNotCovered    = "\"not covered\""
	gotNoQuestion    = "\"no question\""
	gotCrisis        = "the crisis resources"
	gotEmergency     = "the emergency advice"
	gotRefused       = "refused (%s)"
	wantNotCovered   = "no passage (\"not covered\", or the closest entries)"
)
