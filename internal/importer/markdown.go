package importer

import (
	"strings"
	"unicode"
	"unicode/utf8"
)

// This file turns plain text into Markdown that displays as the same text: characters
// that would start emphasis, links, HTML, headings, quotes or lists by accident are
// escaped with a backslash. Escapes are added only where they are needed, so the
// files stay readable and passage text stays close to the input.

// renderEntry writes one FAQ entry: the question as a ### heading, its alternate
// phrasings as an "Also asked:" list, then the answer.
func renderEntry(b *strings.Builder, e entry) {
	b.WriteString("### ")
	b.WriteString(escapeHeading(e.question))
	b.WriteString("\n")
	if len(e.alternates) > 0 {
		b.WriteString("Also asked:\n")
		for _, a := range e.alternates {
			b.WriteString("- ")
			b.WriteString(escapeBlock(a))
			b.WriteString("\n")
		}
	}
	b.WriteString("\n")
	renderAnswer(b, e.answer)
}

// renderAnswer writes plain text as Markdown paragraphs, one per non-blank line.
// Runs of lines that start with a bullet ("- ", "* ", "• ") become a list, and so
// does a line that strings bullets together as " - " (as text flattened from a web
// page does) when that is clearly what it is; see bulletRun.
func renderAnswer(b *strings.Builder, text string) {
	var lines []string
	for l := range strings.SplitSeq(strings.ReplaceAll(text, "\r", "\n"), "\n") {
		if l = collapse(l); l != "" {
			lines = append(lines, l)
		}
	}
	for i := 0; i < len(lines); {
		if n := bulletLines(lines[i:]); n >= 2 {
			for _, l := range lines[i : i+n] {
				writeItem(b, trimBullet(l))
			}
			b.WriteString("\n")
			i += n
			continue
		}
		lead, items := bulletRun(lines[i])
		if lead != "" {
			b.WriteString(escapeBlock(lead))
			b.WriteString("\n\n")
		}
		for _, it := range items {
			writeItem(b, it)
		}
		if len(items) > 0 {
			b.WriteString("\n")
		}
		i++
	}
}

func writeItem(b *strings.Builder, item string) {
	b.WriteString("- ")
	b.WriteString(escapeBlock(item))
	b.WriteString("\n")
}

var bullets = []string{"- ", "* ", "• "}

// bulletLines counts the lines at the start of lines that begin with a bullet.
func bulletLines(lines []string) int {
	n := 0
	for _, l := range lines {
		if trimBullet(l) == l {
			break
		}
		n++
	}
	return n
}

// trimBullet returns l without its leading bullet, or l unchanged if it has none.
func trimBullet(l string) string {
	for _, p := range bullets {
		if rest, ok := strings.CutPrefix(l, p); ok && strings.TrimSpace(rest) != "" {
			return strings.TrimSpace(rest)
		}
	}
	return l
}

// bulletRun splits "Lead: - First item - Second item" into its lead and items. It
// does so only when it looks safe: at least two items, each starting with an upper
// case letter or digit, and a lead that is empty or ends a sentence or clause, so
// that dashes inside a sentence ("Type 1 - also called...") stay as they are.
// Otherwise it returns the whole line as the lead.
func bulletRun(line string) (lead string, items []string) {
	text := line
	if rest, ok := strings.CutPrefix(line, "- "); ok {
		text = " - " + rest
	}
	parts := strings.Split(text, " - ")
	if len(parts) < 3 {
		return line, nil
	}
	lead = strings.TrimSpace(parts[0])
	if lead != "" && !strings.ContainsAny(lead[len(lead)-1:], ".:?!") {
		return line, nil
	}
	for _, p := range parts[1:] {
		p = strings.TrimSpace(p)
		r, _ := utf8.DecodeRuneInString(p)
		if p == "" || !(unicode.IsUpper(r) || unicode.IsDigit(r)) {
			return line, nil
		}
		items = append(items, p)
	}
	return lead, items
}

// escapeHeading escapes a question for use as heading text.
func escapeHeading(s string) string {
	s = escapeInline(s)
	// A trailing run of '#' after a space would be read as the heading's closing
	// sequence and dropped.
	trimmed := strings.TrimRight(s, "#")
	if len(trimmed) < len(s) && (trimmed == "" || strings.HasSuffix(trimmed, " ")) {
		s = trimmed + `\` + s[len(trimmed):]
	}
	return s
}

// escapeBlock escapes a line that starts a paragraph or a list item, so that it
// starts neither a heading, quote, list, table, fence or thematic break.
func escapeBlock(s string) string {
	s = escapeInline(s)
	if s == "" {
		return s
	}
	if strings.EqualFold(strings.TrimSuffix(s, ":"), "also asked") {
		// A paragraph "Also asked:" introduces alternate phrasings; a no-break space
		// keeps this one text while it looks the same.
		return strings.Replace(s, " ", "\u00a0", 1)
	}
	if len(s) >= 3 && s[0] == '[' && s[2] == ']' && strings.ContainsRune(" xX", rune(s[1])) {
		return `\` + s // a task list check box
	}
	switch s[0] {
	case '>', '|':
		return `\` + s
	case '#':
		if n := len(s) - len(strings.TrimLeft(s, "#")); n <= 6 && (n == len(s) || s[n] == ' ') {
			return `\` + s
		}
	case '+':
		if len(s) == 1 || s[1] == ' ' {
			return `\` + s
		}
	case '-':
		if len(s) == 1 || s[1] == ' ' || strings.Trim(s, "- ") == "" {
			return `\` + s
		}
	}
	// Ordered list: 1-9 digits then '.' or ')' then a space or the end.
	i := 0
	for i < len(s) && i < 10 && s[i] >= '0' && s[i] <= '9' {
		i++
	}
	if i > 0 && i < 10 && i < len(s) && (s[i] == '.' || s[i] == ')') && (i+1 == len(s) || s[i+1] == ' ') {
		return s[:i] + `\` + s[i:]
	}
	return s
}

// escapeInline escapes characters that would start inline Markdown: emphasis,
// code, strikethrough, links, HTML, entities and backslash escapes. Web addresses
// are left alone (but for '<') so that they stay links wherever the text is shown;
// emphasis markers inside one ("/*x*/") are the rare case this gets wrong.
func escapeInline(s string) string {
	if !strings.ContainsAny(s, "<*`~_\\[]&") {
		return s
	}
	linkish := strings.Contains(s, "](") || strings.Contains(s, "][") || strings.Contains(s, "]:")
	var b strings.Builder
	b.Grow(len(s) + 8)
	inURL := false
	var prev rune
	for i, r := range s {
		if r == ' ' {
			inURL = false
		} else if !inURL && (prev == 0 || prev == ' ' || prev == '(' || prev == '<' || prev == '"') && startsURL(s[i:]) {
			inURL = true
		}
		next, _ := utf8.DecodeRuneInString(s[i+utf8.RuneLen(r):])
		switch {
		case r == '&' && !inURL && isEntity(s[i:]):
			// "&amp;copy;" and "&#38;#169;" rather than "\&copy;": Markdown-to-text
			// code may resolve entities before backslash escapes, and named entities
			// before numeric ones.
			if strings.HasPrefix(s[i:], "&#") {
				b.WriteString("&#38;")
			} else {
				b.WriteString("&amp;")
			}
			prev = r
			continue
		case needsEscape(r, prev, next, linkish, inURL):
			b.WriteByte('\\')
		}
		b.WriteRune(r)
		prev = r
	}
	return b.String()
}

func startsURL(s string) bool {
	l := strings.ToLower(s[:min(len(s), 8)])
	return strings.HasPrefix(l, "http://") || strings.HasPrefix(l, "https://") || strings.HasPrefix(l, "www.")
}

// needsEscape reports whether r, between prev and next, must be escaped.
func needsEscape(r, prev, next rune, linkish, inURL bool) bool {
	switch r {
	case '<':
		return next == '/' || next == '!' || next == '?' || isASCIILetter(next)
	}
	if inURL {
		return false
	}
	switch r {
	case '*', '`', '~':
		return true
	case '_':
		return !(isAlnum(prev) && isAlnum(next))
	case '\\':
		return next < utf8.RuneSelf && (unicode.IsPunct(next) || unicode.IsSymbol(next))
	case '[', ']':
		return linkish
	}
	return false
}

// isEntity reports whether s starts with an HTML entity or character reference.
func isEntity(s string) bool {
	end := strings.IndexByte(s, ';')
	if end < 2 || end > 33 {
		return false
	}
	name := s[1:end]
	if name[0] == '#' {
		name = strings.TrimLeft(name[1:], "xX")
		return name != "" && strings.Trim(name, "0123456789abcdefABCDEF") == ""
	}
	for _, c := range name {
		if !isASCIILetter(c) && (c < '0' || c > '9') {
			return false
		}
	}
	return true
}

func isASCIILetter(r rune) bool { return r >= 'a' && r <= 'z' || r >= 'A' && r <= 'Z' }

func isAlnum(r rune) bool { return unicode.IsLetter(r) || unicode.IsDigit(r) }
