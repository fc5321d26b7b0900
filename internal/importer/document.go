package importer

import (
	"bytes"
	"fmt"
	"strconv"
	"strings"
	"time"

	"go.yaml.in/yaml/v3"
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

// frontMatter is the YAML header of a content file.
type frontMatter struct {
	Title      string      `yaml:"title"`
	Summary    string      `yaml:"summary,omitempty"`
	Reviewed   *yaml.Node  `yaml:"reviewed,omitempty"`
	References []reference `yaml:"references,omitempty"`
}

type reference struct {
	Title string `yaml:"title"`
	URL   string `yaml:"url"`
}

// render writes a document as a content file.
func render(d *document, texts map[*entry]string, reviewed time.Time) ([]byte, error) {
	fm := frontMatter{Title: d.title, Summary: "Questions and answers about " + d.topic + "."}
	if d.url != "" {
		site := host(d.url)
		fm.Summary += " Source: " + site + "."
		fm.References = []reference{{Title: d.topic + " (" + site + ")", URL: d.url}}
	}
	if !reviewed.IsZero() {
		fm.Reviewed = &yaml.Node{Kind: yaml.ScalarNode, Tag: "!!timestamp", Value: reviewed.Format(time.DateOnly)}
	}
	var b bytes.Buffer
	b.WriteString("---\n")
	enc := yaml.NewEncoder(&b)
	enc.SetIndent(2)
	if err := enc.Encode(fm); err != nil {
		return nil, fmt.Errorf("front matter of %q: %w", d.title, err)
	}
	if err := enc.Close(); err != nil {
		return nil, fmt.Errorf("front matter of %q: %w", d.title, err)
	}
	b.WriteString("---\n\n")
	b.WriteString(faqHeading)
	for i := range d.entries {
		if i > 0 {
			b.WriteString("\n")
		}
		b.WriteString(texts[&d.entries[i]])
	}
	return b.Bytes(), nil
}
