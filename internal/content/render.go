package content

import (
	"bytes"
	"cmp"
	"errors"
	"fmt"
	"strconv"
	"strings"
	"time"
	"unicode"
	"unicode/utf8"

	"github.com/faqbot/faqbot/internal/faq"
)

// FAQHeading is the ## heading Render writes above FAQ entries. Parse starts the FAQ
// part of a file at a ## heading that is this, "FAQ" or "FAQs", in any case.
const FAQHeading = "Frequently Asked Questions"

// alsoAsked is the line that introduces a passage's alternate phrasings.
const alsoAsked = "Also asked:"

// Render returns doc as the bytes of a content file, which Parse reads back as doc.
//
// The front matter holds Title, Summary, Reviewed (its date), ReviewEvery,
// Disclaimer and References. The passages follow in order:
//
//   - KindIntro, first if at all: its text, before any heading;
//   - KindSection: a ## heading when Title is Section (or Section is empty), else a
//     ### heading under a ## Section heading, written when the section changes;
//   - KindFAQ: a ### heading, the question, under a ## Section heading, which must
//     be an FAQ heading (FAQHeading when Section is empty).
//
// Titles, section names and Alternates are plain text: what Markdown would read as
// markup is escaped, line breaks become spaces, and spaces at the ends are dropped.
// Alternates are written as the passage's "Also asked:" list. Text is Markdown and
// is written as it is: it must not hold ## or ### headings, nor start with "Also
// asked:" (Markdown made from plain text never does). ID, DocumentID, Path, Plain
// and Line are not written: Parse derives them from the file's name, text and layout.
//
// Every problem is reported: no title, a reference without a title or an http(s)
// url, a passage without a title or text, an intro that is not first, an FAQ entry
// under a heading that is not an FAQ heading or a sub-section under one, a question
// asked twice (ignoring case and spacing), text that is not UTF-8, or a file larger
// than MaxFileSize.
func Render(doc faq.Document) ([]byte, error) {
	var errs []error
	if oneLine(doc.Title) == "" {
		errs = append(errs, errors.New("the document has no title"))
	}
	for i, r := range doc.References {
		if err := checkReference(i+1, oneLine(r.Title), strings.TrimSpace(r.URL)); err != nil {
			errs = append(errs, err)
		}
	}
	if len(doc.Passages) == 0 {
		errs = append(errs, errors.New("the document has no passages"))
	}
	size := 512 + len(doc.Title) + len(doc.Summary) + len(doc.Disclaimer)
	for _, p := range doc.Passages {
		size += 16 + len(p.Title) + len(p.Text) + 4*len(p.Alternates)
		for _, a := range p.Alternates {
			size += len(a)
		}
	}
	b := bytes.NewBuffer(make([]byte, 0, size))
	writeFrontMatter(b, doc)
	r := renderer{w: b, questions: map[string]int{}}
	for i, p := range doc.Passages {
		if err := r.passage(i, p); err != nil {
			errs = append(errs, err)
		}
	}
	switch {
	case !utf8.Valid(b.Bytes()):
		errs = append(errs, errors.New("the document is not valid UTF-8 text"))
	case b.Len() > MaxFileSize:
		errs = append(errs, fmt.Errorf("the file would be %d bytes; the limit is %d (1 MiB): split the document", b.Len(), MaxFileSize))
	}
	if len(errs) > 0 {
		return nil, joinErrors(errs)
	}
	return b.Bytes(), nil
}

// PassageSize returns the number of bytes Render writes for p, not counting the ##
// heading it writes before p when p starts a new section. A file holds the front
// matter and passages of at most MaxFileSize bytes in all, so a caller can tell
// from these sizes how to split passages into files.
func PassageSize(p faq.Passage) int {
	var n counter
	r := renderer{w: &n}
	r.entry(r.prefix(p), p)
	return int(n)
}

// writer is what a renderer writes to: a bytes.Buffer, or a counter.
type writer interface {
	WriteString(s string) (int, error)
	WriteByte(c byte) error
}

// counter is a writer that counts bytes.
type counter int

// WriteString counts s.
func (c *counter) WriteString(s string) (int, error) { *c += counter(len(s)); return len(s), nil }

// WriteByte counts one byte.
func (c *counter) WriteByte(byte) error { *c++; return nil }

// renderer writes passages, remembering the ## section it is in.
type renderer struct {
	w         writer
	section   string
	questions map[string]int // questionKey -> passage number
}

// passage checks and writes the i-th passage, with the ## heading it needs first.
func (r *renderer) passage(i int, p faq.Passage) error {
	title, section := oneLine(p.Title), oneLine(p.Section)
	switch {
	case p.Kind == faq.KindIntro && i > 0:
		return fmt.Errorf("passage %d (%q): the intro must be the first passage", i+1, title)
	case p.Kind != faq.KindIntro && title == "":
		return fmt.Errorf("passage %d has no title", i+1)
	case strings.TrimSpace(p.Text) == "":
		return fmt.Errorf("passage %d (%q) has no text", i+1, title)
	}
	prefix := r.prefix(p)
	switch p.Kind {
	case faq.KindIntro:
	case faq.KindSection:
		if prefix == "## " {
			r.section = title
		} else if isFAQHeading(section) {
			return fmt.Errorf("section %q is under %q, an FAQ heading: it would be read as a question", title, section)
		}
	case faq.KindFAQ:
		section = cmp.Or(section, FAQHeading)
		if !isFAQHeading(section) {
			return fmt.Errorf("question %q is under %q, which is not an FAQ heading such as %q", title, section, FAQHeading)
		}
		if n, dup := r.questions[questionKey(title)]; dup {
			return fmt.Errorf("question %q is asked twice, in passages %d and %d: merge them", title, n, i+1)
		}
		r.questions[questionKey(title)] = i + 1
	default:
		return fmt.Errorf("passage %d (%q) is of unknown kind %q", i+1, title, p.Kind)
	}
	if prefix == "### " && r.section != section {
		r.w.WriteString("\n## ")
		r.w.WriteString(escapeHeading(section))
		r.w.WriteByte('\n')
		r.section = section
	}
	r.entry(prefix, p)
	return nil
}

// prefix returns what starts p's heading line: "## ", "### ", or "" for the intro.
func (r *renderer) prefix(p faq.Passage) string {
	switch {
	case p.Kind == faq.KindIntro:
		return ""
	case p.Kind == faq.KindSection && (p.Section == "" || oneLine(p.Section) == oneLine(p.Title)):
		return "## "
	}
	return "### "
}

// entry writes a passage: a blank line, its heading, its "Also asked:" list, a blank
// line and its text.
func (r *renderer) entry(prefix string, p faq.Passage) {
	r.w.WriteByte('\n')
	if prefix != "" {
		r.w.WriteString(prefix)
		r.w.WriteString(escapeHeading(oneLine(p.Title)))
		r.w.WriteByte('\n')
	}
	list := false
	for _, a := range p.Alternates {
		if a = oneLine(a); a == "" {
			continue
		}
		if !list {
			r.w.WriteString(alsoAsked + "\n")
			list = true
		}
		r.w.WriteString("- ")
		r.w.WriteString(escapeBlock(a))
		r.w.WriteByte('\n')
	}
	if prefix != "" || list {
		r.w.WriteByte('\n')
	}
	r.w.WriteString(strings.TrimRight(strings.TrimLeft(p.Text, "\r\n"), " \t\r\n"))
	r.w.WriteByte('\n')
}

// writeFrontMatter writes the front matter: the fields frontMatter reads.
func writeFrontMatter(b *bytes.Buffer, doc faq.Document) {
	b.WriteString("---\n")
	field := func(indent, name, value string) {
		b.WriteString(indent)
		b.WriteString(name)
		b.WriteString(": ")
		b.WriteString(yamlString(value))
		b.WriteByte('\n')
	}
	field("", "title", oneLine(doc.Title))
	if s := strings.TrimSpace(doc.Summary); s != "" {
		field("", "summary", s)
	}
	if !doc.Reviewed.IsZero() {
		b.WriteString("reviewed: " + doc.Reviewed.Format(time.DateOnly) + "\n")
	}
	if !doc.ReviewEvery.IsZero() {
		b.WriteString("review-every: " + doc.ReviewEvery.String() + "\n")
	}
	if s := strings.TrimSpace(doc.Disclaimer); s != "" {
		field("", "disclaimer", s)
	}
	if len(doc.References) > 0 {
		b.WriteString("references:\n")
		for _, r := range doc.References {
			field("  - ", "title", oneLine(r.Title))
			field("    ", "url", strings.TrimSpace(r.URL))
		}
	}
	b.WriteString("---\n")
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
