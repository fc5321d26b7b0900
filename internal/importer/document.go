package importer

import (
	"bytes"
	"fmt"
	"strconv"
	"strings"
	"time"
	"unicode"
	"unicode/utf8"
)

// maxFile is the largest content file the loader accepts; maxBody leaves room for
// the front matter.
const (
	maxFile = 1 << 20
	maxBody = maxFile - 8<<10
)

// faqHeading is the section that holds the FAQ entries.
const faqHeading = "## Frequently Asked Questions\n\n"

// renderEntries formats every entry of every document, each ending in one newline,
// and reports entries too long for a content file.
func renderEntries(path string, docs []*document) (map[*entry]string, []*RowError) {
	texts := map[*entry]string{}
	var bad []*RowError
	var b strings.Builder
	for _, d := range docs {
		for i := range d.entries {
			e := &d.entries[i]
			b.Reset()
			renderEntry(&b, *e)
			text := strings.TrimRight(b.String(), "\n") + "\n"
			if len(text) > maxBody {
				bad = append(bad, &RowError{Path: path, Line: e.line,
					Err: fmt.Errorf("entry is %d bytes; a content file holds at most %d", len(text), maxFile)})
				continue
			}
			texts[e] = text
		}
	}
	return texts, bad
}

// split divides documents too big for one file into parts titled "(part 2)" and so
// on, in entry order.
func split(docs []*document, texts map[*entry]string) []*document {
	var out []*document
	for _, d := range docs {
		size, start := 0, 0
		var parts []*document
		for i := range d.entries {
			n := len(texts[&d.entries[i]])
			if size+n > maxBody && i > start {
				parts = append(parts, d.part(start, i))
				start, size = i, 0
			}
			size += n
		}
		if len(parts) == 0 {
			out = append(out, d)
			continue
		}
		parts = append(parts, d.part(start, len(d.entries)))
		for i, p := range parts {
			p.topic = d.topic + " (part " + strconv.Itoa(i+1) + ")"
		}
		out = append(out, parts...)
	}
	return out
}

func (d *document) part(from, to int) *document {
	p := *d
	p.entries = d.entries[from:to]
	p.index = nil
	return &p
}

// render writes a document as a content file.
func render(d *document, texts map[*entry]string, reviewed time.Time) []byte {
	size := 512
	for i := range d.entries {
		size += len(texts[&d.entries[i]]) + 1
	}
	b := bytes.NewBuffer(make([]byte, 0, size))
	b.WriteString("---\ntitle: ")
	b.WriteString(yamlString(d.title))
	summary := "Questions and answers about " + d.topic
	if d.url != "" {
		summary += ", from " + host(d.url)
	}
	summary += "."
	b.WriteString("\nsummary: ")
	b.WriteString(yamlString(summary))
	if !reviewed.IsZero() {
		b.WriteString("\nreviewed: ")
		b.WriteString(reviewed.Format(time.DateOnly))
	}
	if d.url != "" {
		b.WriteString("\nreferences:\n  - title: ")
		b.WriteString(yamlString(d.topic + " (" + host(d.url) + ")"))
		b.WriteString("\n    url: ")
		b.WriteString(yamlString(d.url))
	}
	b.WriteString("\n---\n\n")
	b.WriteString(faqHeading)
	for i := range d.entries {
		if i > 0 {
			b.WriteString("\n")
		}
		b.WriteString(texts[&d.entries[i]])
	}
	return b.Bytes()
}

// yamlString writes s as a YAML scalar that reads back as the string s: plain when
// that is unambiguous, else double-quoted (Go's escapes are valid YAML escapes).
func yamlString(s string) string {
	if plainYAML(s) {
		return s
	}
	return strconv.Quote(s)
}

// plainYAML reports whether s can be written unquoted: it starts with a letter,
// holds no ": " or " #", no control characters, does not end in ':' or a space,
// and is not a word YAML reads as a boolean or null.
func plainYAML(s string) bool {
	if s == "" || strings.HasSuffix(s, ":") || strings.HasSuffix(s, " ") ||
		strings.Contains(s, ": ") || strings.Contains(s, " #") {
		return false
	}
	for i, r := range s {
		if i == 0 && !unicode.IsLetter(r) || unicode.IsControl(r) || r == utf8.RuneError {
			return false
		}
	}
	switch strings.ToLower(s) {
	case "y", "n", "yes", "no", "true", "false", "on", "off", "null":
		return false
	}
	return true
}
