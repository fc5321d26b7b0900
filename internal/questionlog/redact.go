package questionlog

import (
	"regexp"
	"strings"
)

// redactions are applied in order: links before e-mail addresses (a link may hold
// one), mentions before bare numbers (a mention holds an id), runs of digits
// before phone numbers.
var redactions = []struct {
	re   *regexp.Regexp
	with func(string) string
}{
	{regexp.MustCompile(`(?i)\b(?:https?://|www\.)[^\s<>]+|\bdiscord(?:\.gg|(?:app)?\.com/invite)/[^\s<>]+`), fixed("[link]")},
	{regexp.MustCompile(`(?i)[a-z0-9._%+\-]+@[a-z0-9\-]+(?:\.[a-z0-9\-]+)*\.[a-z]{2,}`), fixed("[email]")},
	{regexp.MustCompile(`<(?:@[!&]?|#)\d+>|<a?:\w+:\d+>|@(?:everyone|here)\b`), fixed("[mention]")},
	{regexp.MustCompile(`@[\p{L}\p{N}_.]{2,32}`), fixed("[mention]")},
	{regexp.MustCompile(`(?i)\b[a-z0-9\-]+(?:\.[a-z0-9\-]+)*\.(?:com|org|net|io|gov|edu|co|uk|us|ca|au|de|fr|info|me|app|gg|ly|health)\b(?:/[^\s<>]*)?`), fixed("[link]")},
	{regexp.MustCompile(`\b\d{17,20}\b`), fixed("[id]")},
	{regexp.MustCompile(`\d{6,}`), fixed("[number]")},
	{regexp.MustCompile(`\+?\(?\d[\d ().\-]{5,}\d`), phone},
}

func fixed(s string) func(string) string { return func(string) string { return s } }

// phone replaces a run of digits and separators holding at least 7 digits: a phone
// number, or a date of birth or a record number written with separators.
func phone(s string) string {
	digits := 0
	for _, r := range s {
		if r >= '0' && r <= '9' {
			digits++
		}
	}
	if digits < 7 {
		return s
	}
	return "[phone]"
}

// Redact removes what could identify a person from a question before it is stored:
// e-mail addresses, phone numbers, links, Discord mentions and ids, and long runs of
// digits (record, card or account numbers). What it cannot see (a name, an address
// in words) stays: the log keeps question texts only where moderators need them,
// and only for QUESTION_LOG_DAYS.
func Redact(s string) string {
	for _, r := range redactions {
		s = r.re.ReplaceAllStringFunc(s, r.with)
	}
	return strings.Join(strings.Fields(s), " ")
}
