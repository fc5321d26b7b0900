package discord

// What Discord users read that is this transport's own: command descriptions, embed
// labels, buttons and refusals of Discord's own making. The wording of every outcome
// of a question (answers, "not covered", refusals, errors) is the answering
// service's; a second language is a second set of these and of the service's texts.
const (
	descAsk          = "Ask a question; the answer comes from this server's FAQ and articles"
	descQuestion     = "Your question, in your own words"
	descReindex      = "Rebuild the answer index from the content (moderators)"
	descForce        = "Put the new index in service even if must-answer checks fail (logged)"
	descRollback     = "Go back to the index before the one in service instead of rebuilding"
	msgUnknown       = "I don't know that command. Try `/ask`."
	msgNotModerator  = "Only moderators can reindex: you need the Manage Server permission or the moderator role."
	msgNoRelated     = "There are no other passages close to this question."
	sharedBy         = "Shared by <@%s>" // allowed_mentions keeps this from pinging
	askedPrefix      = "You asked: "     // starts the footer "More results" reads the question back from
	titleNoAnswer    = "Not covered here"
	titleSuggestions = "Closest matches"
	hintSuggestions  = "Open one below to read it, or ask again in other words."
	menuSuggestions  = "Open one of these entries"
	titleMore        = "More results"
	labelReferences  = "References"
	labelDisclaimer  = "Disclaimer"
	labelReviewed    = "Reviewed"
	labelShare       = "Share in channel"
	labelMore        = "More results"
	menuNearby       = "Open a nearby topic"
	menuMore         = "Open one of these"
)

// The ratings and the moderators' views (/faq-admin).
const (
	labelHelpful         = "Helpful"
	labelUnhelpful       = "Not helpful"
	titleWhy             = "What were you looking for?" // a modal title: at most 45 characters
	labelWhy             = "Tell us, if you like (optional)"
	placeholderWhy       = "e.g. the dose for teenagers, or another medicine"
	descAdmin            = "What the bot missed and how its answers were rated (moderators)"
	descUnanswered       = "The most asked questions the content did not cover"
	descFeedback         = "The answers rated Not helpful most often"
	descStats            = "Questions per day: answered, not covered, crisis"
	descDays             = "How many days back (default 7)"
	msgNotModeratorAdmin = "Only moderators can see the question log: you need the Manage Server permission or the moderator role."
	msgNoLog             = "This bot keeps no question log."
	msgLogTrouble        = "I couldn't read the question log just now. Please try again in a moment."
	msgNoUnanswered      = "No unanswered questions in the last %d days."
	msgNoFeedback        = "No answer was rated Not helpful in the last %d days."
	msgNoStats           = "No questions in the last %d days."
	titleUnanswered      = "Unanswered questions, last %d days"
	titleFeedback        = "Answers rated Not helpful, last %d days"
	titleStats           = "Questions per day, last %d days (UTC)"
	labelNearest         = "nearest: `%s`"
	feedbackLine         = "`%s`: **%d** not helpful, %d helpful (%.0f%% helpful)"
	moreLines            = "…and %d more"
	statsHeader          = "Day        Questions Answered Not covered Crisis Other"
	labelTotal           = "Total"
	olderDays            = "\n%d older days not shown: use `faqbot report` for all."
	descStale            = "Documents overdue for review, oldest first, and those without a review date (moderators)"
	msgNoStale           = "Every document has been reviewed within its maximum age (%s by default)."
	titleStale           = "Overdue for review: %d, oldest first (a review lasts %s unless the document says)"
	titleUnreviewed      = "No review date: %d"
	staleLine            = "**%s** `%s`: reviewed %s, due %s"
	unreviewedLine       = "**%s** `%s`"
)

// Find answer, the help channels' replies and /faq-admin autoreply.
const (
	labelPostReply   = "Post as reply"
	labelReplyNotify = "Reply and notify"
	labelAnswered    = "This answered it"
	labelNotIt       = "Not it"
	labelRemove      = "Remove"
	msgNoText        = "That message has no text for me to look up."
	msgReachOut      = "Only you can see this. The message you picked may come from someone going through a crisis: " +
		"please reach out to them, kindly and privately, and share these resources if it feels right. " +
		"If they may be in immediate danger, contact local emergency services."
	msgPosted         = "Posted as a reply to the message."
	msgMessageGone    = "That message is no longer there, so I didn't post anything."
	msgPostFailed     = "I couldn't post the reply. Please try again in a moment."
	msgNotYours       = "Only the person who asked or a moderator can remove this reply."
	msgRemoveFailed   = "I couldn't remove that reply. Please try again in a moment."
	threadDefaultName = "Question"
	descAutoReply     = "Answer new posts in the help channels by themselves, when sure (moderators)"
	descState         = "on or off; leave it out to see the current setting"
	msgAutoReplyOn    = "Auto-replies are **on** in this server: new posts in the help channels get an answer when I'm sure of one."
	msgAutoReplyOff   = "Auto-replies are **off** in this server. `/ask`, Find answer and mentions still work."
	msgNoHelpChannels = "\nNo help channels are configured (`DISCORD_HELP_CHANNELS`), so there is nothing to reply to."
	msgHelpChannels   = "\nHelp channels: %s"
	msgNoSwitch       = "This bot keeps no settings, so auto-replies are always on in the help channels."
)
