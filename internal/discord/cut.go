package discord

import (
	"strings"
	"unicode/utf8"

	"github.com/faqbot/faqbot/internal/faq"
)

// Discord's message limits, in characters.
const (
	maxContent          = 2000
	maxEmbedTitle       = 256
	maxEmbedDescription = 4096
	maxFieldValue       = 1024
	maxAuthorName       = 256
	maxEmbedsTotal      = 6000
	maxChoices          = 25
	maxChoiceLength     = 100
	maxCustomID         = 100
	maxSelectOptions    = 25
)

// shortenedNote ends a passage that had to be cut.
const shortenedNote = "… (shortened — see the source)"

// runeLen is the length of s as Discord counts it (closely enough: code points).
func runeLen(s string) int { return utf8.RuneCountInString(s) }

func isSpace(r rune) bool { return r == ' ' || r == '\n' || r == '\t' || r == '\r' }

// cutAtSentence shortens Markdown text to at most limit characters. It cuts after the
// last sentence or line that fits, closes an open code fence, and appends note on a line
// of its own so the reader knows the passage goes on. Text that fits is returned as is.
func cutAtSentence(text string, limit int, note string) string {
	if runeLen(text) <= limit {
		return text
	}
	suffix := "\n\n" + note
	budget := limit - runeLen(suffix) - len("\n```") // room for a closing fence
	if budget <= 0 {
		return faq.Shorten(note, limit)
	}
	head := string([]rune(text)[:budget])
	cut := lastBoundary(head)
	if cut < len(head)/3 { // no sentence end in a sensible place: cut at a word
		if i := strings.LastIndexFunc(head, isSpace); i > 0 {
			cut = i
		} else {
			cut = len(head)
		}
	}
	out := strings.TrimRightFunc(head[:cut], isSpace)
	if strings.Count(out, "```")%2 == 1 {
		out += "\n```"
	}
	return out + suffix
}

// blockStart reports whether a line starting s begins a new block (a blank line, a
// list item, a table row, a heading or a quote), so that breaking before it does not
// split a hard-wrapped sentence.
func blockStart(s string) bool {
	s = strings.TrimLeft(s, " ")
	if s == "" || s[0] == '\n' {
		return true
	}
	for _, p := range []string{"- ", "* ", "+ ", "|", "#", ">", "```"} {
		if strings.HasPrefix(s, p) {
			return true
		}
	}
	i := 0
	for i < len(s) && s[i] >= '0' && s[i] <= '9' {
		i++
	}
	return i > 0 && i+1 < len(s) && (s[i] == '.' || s[i] == ')') && s[i+1] == ' '
}

// lastBoundary returns the byte offset just after the last sentence end or line break
// in s, or 0 when there is none.
func lastBoundary(s string) int {
	best := 0
	for i := 0; i < len(s); i++ {
		switch s[i] {
		case '\n':
			if blockStart(s[i+1:]) {
				best = i + 1
			}
		case '.', '!', '?':
			j := i + 1
			// Let a closing quote, bracket or emphasis belong to the sentence.
			for j < len(s) && strings.IndexByte(`"')*_`, s[j]) >= 0 {
				j++
			}
			if j < len(s) && (s[j] == ' ' || s[j] == '\n') {
				best = j
			}
		}
	}
	return best
}
