package main

import "strings"

// Long messages are rarely sent twice word for word, while short questions are: so
// that a load measures the search path as a server would see it (an answer cache
// cannot serve every request), each request carrying a long message of the mix
// (longWords words or more) gets a variant of it no earlier request had: one of
// the openers before it and one of the sign-offs after it. With 24 of each, a long
// message of the mix can be sent 576 times before a variant comes again.
const longWords = 20

var (
	openers = []string{
		"Quick question.", "Long time lurker here.", "Sorry to bother everyone.", "Posting for a friend.",
		"I hope this is the right channel.", "First post, be gentle.", "I searched but found nothing clear.",
		"Bit of background first.", "Sorry, this got long.", "My doctor is away this week.",
		"Typing this on my phone.", "Not sure where else to ask.", "Please bear with me.",
		"Our pharmacist was not sure.", "It is late here, sorry for typos.", "Asking before my appointment.",
		"This has been on my mind all week.", "I read the pinned messages already.", "Just joined this server.",
		"A nurse suggested I ask around.", "English is my second language.", "I tried the search box first.",
		"My family keeps asking me about this.", "Hope everyone is doing okay.",
	}
	signoffs = []string{
		"Thanks a lot.", "Much appreciated.", "Thank you all.", "Cheers, everyone.", "Any pointers welcome.",
		"Thanks for reading.", "Grateful for any help.", "Thanks in advance, truly.", "Take care.",
		"Thank you for your time.", "Have a good day.", "Happy to give more details.", "Thanks again.",
		"Appreciate this community.", "Stay well.", "Bless you all.", "Looking forward to answers.",
		"Sorry again for the length.", "That's all, thanks.", "Thank you so much.", "Kind regards.",
		"With thanks.", "Best wishes.", "Much love to this group.",
	}
)

// variant returns the question request n of the pool asks: questions[n % len] as it
// is, or for a long message, its variant for that request.
func variant(questions []string, n int) string {
	q := questions[n%len(questions)]
	if len(strings.Fields(q)) < longWords {
		return q
	}
	k := n / len(questions)
	return openers[k%len(openers)] + " " + q + " " + signoffs[(k/len(openers))%len(signoffs)]
}
