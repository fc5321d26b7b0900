package importer

import (
	"net/url"
	"path"
	"path/filepath"
	"strconv"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/faqbot/faqbot/internal/content"
)

// entry is one FAQ entry of a document: a question, its other phrasings and its answer.
type entry struct {
	line       int
	question   string
	alternates []string
	answer     string
	keys       map[string]bool // questionKey of the question and alternates
	answers    map[string]bool // answerKey of every answer merged into answer
}

// document is one content file to write.
type document struct {
	topic   string // as first spelled in the input
	url     string // the source page, "" if none
	source  string // the site's name from a source column, "" if none
	title   string
	slug    string
	entries []entry
	index   map[string]int // questionKey -> entries index
}

// grouping is the result of sorting rows into documents.
type grouping struct {
	docs   []*document
	merged int // rows whose question repeated one already in the document
}

// group sorts rows into documents, one per topic and source page, in input order.
// A question that repeats within a document (see questionKey) is merged into the
// first entry: a different answer is appended to the first as further paragraphs,
// and the repeat's alternate phrasings are added.
func group(rows []row, inputPath string) grouping {
	var g grouping
	byKey := map[string]*document{}
	for _, r := range rows {
		topic := collapse(r.topic)
		page := pageURL(r.url)
		key := strings.ToLower(topic) + "\x00" + page
		d := byKey[key]
		if d == nil {
			d = &document{topic: topic, url: page, source: collapse(r.source), index: map[string]int{}}
			if d.topic == "" {
				d.topic = fallbackTopic(page, inputPath)
			}
			byKey[key] = d
			g.docs = append(g.docs, d)
		}
		q := collapse(r.question)
		if i, ok := d.index[questionKey(q)]; ok {
			g.merged++
			d.entries[i].addAnswer(r.answer)
			for _, a := range r.alternates {
				d.entries[i].addAlternate(a)
			}
			continue
		}
		e := entry{line: r.line, question: q, answer: r.answer,
			keys: map[string]bool{questionKey(q): true}, answers: map[string]bool{answerKey(r.answer): true}}
		for _, a := range r.alternates {
			e.addAlternate(a)
		}
		d.index[questionKey(q)] = len(d.entries)
		d.entries = append(d.entries, e)
	}
	return g
}

// addAlternate adds a phrasing unless it is empty or the entry already has it.
func (e *entry) addAlternate(a string) {
	a = collapse(a)
	k := questionKey(a)
	if k == "" || e.keys[k] {
		return
	}
	e.keys[k] = true
	e.alternates = append(e.alternates, a)
}

// addAnswer appends the answer of a repeated question as further paragraphs,
// unless the entry already has that answer.
func (e *entry) addAnswer(a string) {
	k := answerKey(a)
	if k == "" || e.answers[k] {
		return
	}
	e.answers[k] = true
	e.answer = strings.TrimRight(e.answer, " \t\r\n") + "\n\n" + a
}

// answerKey is what two answers share when they count as the same: spacing and
// line breaks do not matter.
func answerKey(a string) string {
	return collapse(a)
}

// questionKey is what two phrasings share when they count as the same question:
// case, spacing and trailing punctuation do not matter.
func questionKey(q string) string {
	return strings.TrimRight(strings.ToLower(collapse(q)), " ?.!")
}

// collapse trims s and turns every run of white space into one space.
func collapse(s string) string {
	space := true // at the start, or after a space
	for i := 0; i < len(s); i++ {
		c := s[i]
		if c >= utf8.RuneSelf || c == '\t' || c == '\n' || c == '\v' || c == '\f' || c == '\r' || c == ' ' && space {
			return strings.Join(strings.Fields(s), " ")
		}
		space = c == ' '
	}
	if space && s != "" {
		return strings.TrimRight(s, " ")
	}
	return s
}

// pageURL is the URL a document is grouped by: without its fragment.
func pageURL(raw string) string {
	if raw == "" {
		return ""
	}
	u, err := url.Parse(raw)
	if err != nil {
		return raw
	}
	u.Fragment = ""
	u.RawFragment = ""
	return u.String()
}

// host is the site of a URL without "www.".
func host(raw string) string {
	u, err := url.Parse(raw)
	if err != nil {
		return ""
	}
	return strings.TrimPrefix(strings.ToLower(u.Hostname()), "www.")
}

// fallbackTopic names a document whose rows have no topic: after the page, else
// after the input file.
func fallbackTopic(page, inputPath string) string {
	if page != "" {
		u, err := url.Parse(page)
		if err == nil {
			if base := path.Base(strings.TrimSuffix(u.Path, "/")); base != "." && base != "/" && base != "" {
				return humanize(strings.TrimSuffix(base, path.Ext(base)))
			}
		}
		return host(page)
	}
	base := filepath.Base(inputPath)
	return humanize(strings.TrimSuffix(base, filepath.Ext(base)))
}

// humanize turns a file or path name like "billing_faq-2024" into "Billing faq 2024".
func humanize(name string) string {
	s := collapse(strings.Map(func(r rune) rune {
		if r == '-' || r == '_' || r == '.' || r == '+' {
			return ' '
		}
		return r
	}, name))
	if s == "" {
		return "FAQ"
	}
	r := []rune(s)
	r[0] = unicode.ToUpper(r[0])
	return string(r)
}

// assignTitles gives every document a title unique across the import. Documents
// that share a topic are told apart by the first of source name, site and page
// that differs between all of them, e.g. "Glaucoma (NEI)"; what still clashes gets
// a number. Titles in taken (lower case) are avoided; the new ones are added.
func assignTitles(docs []*document, taken map[string]bool) {
	byTopic := map[string][]*document{}
	for _, d := range docs {
		k := strings.ToLower(d.topic)
		byTopic[k] = append(byTopic[k], d)
		d.title = d.topic
	}
	labels := []func(*document) string{
		func(d *document) string { return d.source },
		func(d *document) string { return host(d.url) },
		func(d *document) string { return pagePath(d.url) },
	}
	for _, same := range byTopic {
		if len(same) < 2 {
			continue
		}
		for _, label := range labels {
			if distinct(same, label) {
				for _, d := range same {
					if l := label(d); l != "" {
						d.title = d.topic + " (" + l + ")"
					}
				}
				break
			}
		}
	}
	for _, d := range docs {
		base := d.title
		for n := 2; taken[strings.ToLower(d.title)]; n++ {
			d.title = base + " (" + strconv.Itoa(n) + ")"
		}
		taken[strings.ToLower(d.title)] = true
	}
}

// distinct reports whether label tells the documents apart: all labels differ, and
// at most one document has none (it keeps the bare topic as its title).
func distinct(docs []*document, label func(*document) string) bool {
	seen := map[string]bool{}
	for _, d := range docs {
		l := strings.ToLower(label(d))
		if seen[l] {
			return false
		}
		seen[l] = true
	}
	return true
}

// pagePath is a URL's site and path, e.g. "nlm.nih.gov/medlineplus/abscess.html".
func pagePath(raw string) string {
	u, err := url.Parse(raw)
	if err != nil || raw == "" {
		return ""
	}
	return host(raw) + strings.TrimSuffix(u.EscapedPath(), "/")
}

// assignSlugs gives every document an ID (its file name) made from its title by
// content.DocumentID, unique regardless of case. IDs in taken are avoided; the new
// ones are added.
func assignSlugs(docs []*document, taken map[string]bool) {
	for _, d := range docs {
		base := content.DocumentID(d.title)
		d.slug = base
		for n := 2; taken[d.slug]; n++ {
			d.slug = base + "-" + strconv.Itoa(n)
		}
		taken[d.slug] = true
	}
}
