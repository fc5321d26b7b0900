package faq

import (
	"strings"
	"unicode"
	"unicode/utf8"
)

// DateLayout is how a date is written for people to read ("25 November 2026"): a
// review date in a reply, a footer or the command line.
const DateLayout = "2 January 2006"

// Shorten cuts s to at most n characters (code points, as Discord counts them),
// ending with "…" when it had to cut; text that fits is returned as it is.
func Shorten(s string, n int) string {
	if utf8.RuneCountInString(s) <= n {
		return s
	}
	r := []rune(s)
	if n <= 1 {
		return string(r[:max(n, 0)])
	}
	return strings.TrimRightFunc(string(r[:n-1]), unicode.IsSpace) + "…"
}
