package importer

import (
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/faqbot/faqbot/internal/content"
)

// answerBlocks reads a plain-text answer as paragraphs, one per non-blank line, and
// lists: runs of lines that start with a bullet ("- ", "* ", "• "), and a line that
// strings bullets together as " - " (as text flattened from a web page does) when
// that is clearly what it is; see bulletRun. Writing them as Markdown is content's.
func answerBlocks(text string) []content.Block {
	var lines []string
	for l := range strings.SplitSeq(strings.ReplaceAll(text, "\r", "\n"), "\n") {
		if l = collapse(l); l != "" {
			lines = append(lines, l)
		}
	}
	var blocks []content.Block
	for i := 0; i < len(lines); {
		if n := bulletLines(lines[i:]); n >= 2 {
			items := make([]string, n)
			for j, l := range lines[i : i+n] {
				items[j] = trimBullet(l)
			}
			blocks = append(blocks, content.Block{Items: items})
			i += n
			continue
		}
		lead, items := bulletRun(lines[i])
		if lead != "" {
			blocks = append(blocks, content.Block{Text: lead})
		}
		if len(items) > 0 {
			blocks = append(blocks, content.Block{Items: items})
		}
		i++
	}
	return blocks
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
