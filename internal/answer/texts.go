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
	badContentText  = "Reindex failed — the content has problems, so the previous index is still serving answers."
)
