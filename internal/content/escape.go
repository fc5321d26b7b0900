package content

import (
	"strings"
	"unicode"
	"unicode/utf8"
)

// This file writes plain text as Markdown that displays, and that Parse reads back,
// as the same text: characters that would start emphasis, links, HTML, headings,
// quotes or lists by accident are escaped with a backslash. Escapes are added only
// where they are needed, so files stay readable and passage text stays close to
// what was written.

// Block is a block of plain text for Markdown: a paragraph, or a bulleted list.
type Block struct {
	// Text is a paragraph. Line breaks in it are written as spaces.
	Text string
	// Items, when not empty, make the block a list, one item per entry (Text is
	// then not used). Line breaks in an item are written as spaces.
	Items []string
}

// Markdown returns blocks of plain text as Markdown: paragraphs and lists separated
// by blank lines, without a final newline. Parsed, each paragraph and list item
// comes back as one line of the passage's plain text, exactly as written but for
// spaces at its ends. The one exception: a paragraph that is just "Also asked:" (or
// "Also asked") gets a no-break space instead of its space, or it would introduce
// alternate phrasings. Empty paragraphs and items are left out.
func Markdown(blocks []Block) string {
	parts := make([]string, 0, len(blocks))
	for _, bl := range blocks {
		if len(bl.Items) == 0 {
			if t := oneLine(bl.Text); t != "" {
				parts = append(parts, escapeParagraph(t))
			}
			continue
		}
		items := make([]string, 0, len(bl.Items))
		for _, it := range bl.Items {
			if it = oneLine(it); it != "" {
				items = append(items, "- "+escapeBlock(it))
			}
		}
		if len(items) > 0 {
			parts = append(parts, strings.Join(items, "\n"))
		}
	}
	return strings.Join(parts, "\n\n")
}

// oneLine trims s and turns its line breaks into spaces.
func oneLine(s string) string {
	if strings.ContainsAny(s, "\r\n") {
		s = strings.NewReplacer("\r\n", " ", "\n", " ", "\r", " ").Replace(s)
	}
	return strings.TrimSpace(s)
}

// escapeHeading escapes plain text for use as heading text.
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

// escapeParagraph escapes a paragraph of one line: see escapeBlock. A paragraph
// "Also asked:" would introduce alternate phrasings: a no-break space keeps this
// one text while it looks the same.
func escapeParagraph(s string) string {
	s = escapeBlock(s)
	if strings.EqualFold(strings.TrimSuffix(s, ":"), strings.TrimSuffix(alsoAsked, ":")) {
		return strings.Replace(s, " ", "\u00a0", 1)
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
