package questionlog

import (
	"regexp"
	"strings"
)

// redactions are applied in order: links before e-mail addresses (a link may hold
// one), mentions before bare numbers (a mention holds an id), runs of digits
// before phone numbers. Each runs only on text holding what it looks for (when), as
// most questions hold nothing to redact.
var redactions = []struct {
	when func(string) bool
	re   *regexp.Regexp
	with func(string) string
}{
	{has(".", "/"), regexp.MustCompile(`(?i)\b(?:https?://|www\.)[^\s<>]+|\bdiscord(?:\.gg|(?:app)?\.com/invite)/[^\s<>]+`), fixed("[link]")},
	{has("@"), regexp.MustCompile(`(?i)[a-z0-9._%+\-]+@[a-z0-9\-]+(?:\.[a-z0-9\-]+)*\.[a-z]{2,}`), fixed("[email]")},
	{has("<", "@"), regexp.MustCompile(`<(?:@[!&]?|#)\d+>|<a?:\w+:\d+>|@(?:everyone|here)\b`), fixed("[mention]")},
	{has("@"), regexp.MustCompile(`@[\p{L}\p{N}_.]{2,32}`), fixed("[mention]")},
	{has("."), regexp.MustCompile(`(?i)\b[a-z0-9\-]+(?:\.[a-z0-9\-]+)*\.(?:com|org|net|io|gov|edu|co|uk|us|ca|au|de|fr|info|me|app|gg|ly|health)\b(?:/[^\s<>]*)?`), fixed("[link]")},
	{hasDigits(6), regexp.MustCompile(`\b\d{17,20}\b`), fixed("[id]")},
	{hasDigits(6), regexp.MustCompile(`\d{6,}`), fixed("[number]")},
	{hasDigits(7), regexp.MustCompile(`\+?\(?\d[\d ().\-]{5,}\d`), phone},
}

// has is true of text holding any of subs.
func has(subs ...string) func(string) bool {
	return func(s string) bool {
		for _, sub := range subs {
			if strings.Contains(s, sub) {
				return true
			}
		}
		return false
	}
}

// hasDigits is true of text holding at least n digits.
func hasDigits(n int) func(string) bool {
	return func(s string) bool {
		return digits(s) >= n
	}
}

// digits counts the ASCII digits in s.
func digits(s string) int {
	n := 0
	for i := 0; i < len(s); i++ {
		if s[i] >= '0' && s[i] <= '9' {
			n++
		}
	}
	return n
}

func fixed(s string) func(string) string { return func(string) string { return s } }

// phone replaces a run of digits and separators holding at least 7 digits: a phone
// number, or a date of birth or a record number written with separators.
func phone(s string) string {
	if digits(s) < 7 {
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
		if r.when(s) {
			s = r.re.ReplaceAllStringFunc(s, r.with)
		}
	}
	return strings.Join(strings.Fields(s), " ")
}
