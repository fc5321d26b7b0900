package discord

// What Discord users read that is this transport's own: command descriptions, embed
// labels, buttons and refusals of Discord's own making. The wording of every outcome
// of a question (answers, "not covered", refusals, errors) is the answering
// service's; a second language is a second set of these and of the service's texts.
const (
	descAsk          = "Ask a question; the answer comes from this server's FAQ and articles"
	descQuestion     = "Your question, in your own words"
	descReindex      = "Rebuild the answer index from the content (moderators)"
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
	// dateLayout is how a review date is written.
	dateLayout = "2 January 2006"
)
