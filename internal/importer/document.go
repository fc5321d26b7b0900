package importer

import (
	"fmt"
	"strconv"
	"time"

	"github.com/faqbot/faqbot/internal/content"
	"github.com/faqbot/faqbot/internal/faq"
)

// maxBody is how many bytes of FAQ entries a document may have before it is split
// into parts: a content file's limit, less room for the front matter.
const maxBody = content.MaxFileSize - 8<<10

// passages turns every entry of every document into an FAQ passage, and reports
// entries too long for a content file.
func passages(path string, docs []*document) (map[*entry]faq.Passage, []*RowError) {
	out := map[*entry]faq.Passage{}
	var bad []*RowError
	for _, d := range docs {
		for i := range d.entries {
			e := &d.entries[i]
			p := faq.Passage{Kind: faq.KindFAQ, Title: e.question, Alternates: e.alternates,
				Text: content.Markdown(answerBlocks(e.answer))}
			if n := content.PassageSize(p); n > maxBody {
				bad = append(bad, &RowError{Path: path, Line: e.line,
					Err: fmt.Errorf("entry is %d bytes; a content file holds at most %d", n, content.MaxFileSize)})
				continue
			}
			out[e] = p
		}
	}
	return out, bad
}

// split divides documents too big for one file into parts titled "(part 2)" and so
// on, in entry order.
func split(docs []*document, ps map[*entry]faq.Passage) []*document {
	var out []*document
	for _, d := range docs {
		size, start := 0, 0
		var parts []*document
		for i := range d.entries {
			n := content.PassageSize(ps[&d.entries[i]])
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

// render returns a document as a content file's bytes.
func render(d *document, ps map[*entry]faq.Passage, reviewed time.Time) ([]byte, error) {
	doc := faq.Document{Title: d.title, Reviewed: reviewed}
	doc.Summary = "Questions and answers about " + d.topic
	if d.url != "" {
		doc.Summary += ", from " + host(d.url)
		doc.References = []faq.Reference{{Title: d.topic + " (" + host(d.url) + ")", URL: d.url}}
	}
	doc.Summary += "."
	doc.Passages = make([]faq.Passage, len(d.entries))
	for i := range d.entries {
		doc.Passages[i] = ps[&d.entries[i]]
	}
	data, err := content.Render(doc)
	if err != nil {
		return nil, fmt.Errorf("document %q: %w", d.title, err)
	}
	return data, nil
}
