package content

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"net/url"
	"strings"
	"time"

	"go.yaml.in/yaml/v3"

	"github.com/faqbot/faqbot/internal/faq"
)

// frontMatter is the YAML block at the top of a content file.
type frontMatter struct {
	Title       scalar                 `yaml:"title"`
	Summary     string                 `yaml:"summary"`
	Reviewed    scalar                 `yaml:"reviewed"`
	ReviewEvery scalar                 `yaml:"review-every"`
	Disclaimer  string                 `yaml:"disclaimer"`
	References  []frontMatterReference `yaml:"references"`
}

// frontMatterFields names the fields of frontMatter, for error messages.
const frontMatterFields = "title, summary, reviewed, review-every, disclaimer, references"

// frontMatterReference is one entry of references.
type frontMatterReference struct {
	Title scalar `yaml:"title"`
	URL   scalar `yaml:"url"`
}

// scalar is a YAML scalar with the line it is on (in the YAML source).
type scalar struct {
	Value string
	Line  int
}

// UnmarshalYAML keeps the scalar's value and line; lists and maps are an error.
func (t *scalar) UnmarshalYAML(n *yaml.Node) error {
	if n.Kind != yaml.ScalarNode {
		return &yaml.TypeError{Errors: []string{fmt.Sprintf("line %d: expected text, found a list or map", n.Line)}}
	}
	t.Value = strings.TrimSpace(n.Value)
	t.Line = n.Line
	return nil
}

// splitFrontMatter cuts data (LF line endings) into the YAML between the "---" lines
// and the body after them. bodyLine is the file line the body starts on; the YAML
// always starts on line 2.
func splitFrontMatter(path string, data []byte) (fm, body []byte, bodyLine int, err error) {
	first, rest, _ := bytes.Cut(data, []byte("\n"))
	if string(bytes.TrimRight(first, " \t")) != "---" {
		return nil, nil, 0, errorf(path, 1, "missing front matter: the file must start with a line \"---\", then fields such as \"title: ...\", then another \"---\"")
	}
	line := 2
	for off := 0; off < len(rest); line++ {
		end := bytes.IndexByte(rest[off:], '\n')
		next := len(rest)
		if end >= 0 {
			next = off + end + 1
			end += off
		} else {
			end = len(rest)
		}
		l := string(bytes.TrimRight(rest[off:end], " \t"))
		if l == "---" || l == "..." {
			return rest[:off], rest[next:], line + 1, nil
		}
		off = next
	}
	return nil, nil, 0, errorf(path, 1, "front matter is not closed: add a line \"---\" after the last field")
}

// decodeFrontMatter decodes and checks the front matter into doc. It returns the file
// line of the title.
func decodeFrontMatter(path string, src []byte, doc *faq.Document) (int, error) {
	const offset = 1 // YAML line 1 is file line 2
	var fm frontMatter
	dec := yaml.NewDecoder(bytes.NewReader(src))
	dec.KnownFields(true)
	var errs []error
	if err := dec.Decode(&fm); err != nil && !errors.Is(err, io.EOF) {
		errs = append(errs, yamlErrors(path, src, offset, err))
		var te *yaml.TypeError
		if !errors.As(err, &te) {
			return 0, errs[0] // a syntax error: nothing was decoded
		}
		// A type error: the rest was decoded; check it too.
	}

	doc.Title = fm.Title.Value
	titleLine := fm.Title.Line + offset
	if doc.Title == "" {
		titleLine = 1
		errs = append(errs, errorf(path, 1, "front matter has no title: add a line \"title: ...\""))
	}
	doc.Summary = strings.TrimSpace(fm.Summary)
	doc.Disclaimer = strings.TrimSpace(fm.Disclaimer)
	if fm.Reviewed.Value != "" {
		t, err := time.Parse(time.DateOnly, fm.Reviewed.Value)
		if err != nil {
			errs = append(errs, errorf(path, fm.Reviewed.Line+offset, "reviewed: %q is not a date written like 2025-01-15", fm.Reviewed.Value))
		}
		doc.Reviewed = t
	}
	if fm.ReviewEvery.Value != "" {
		p, err := faq.ParsePeriod(fm.ReviewEvery.Value)
		if err != nil {
			errs = append(errs, errorf(path, fm.ReviewEvery.Line+offset, "review-every: %v", err))
		}
		doc.ReviewEvery = p
	}
	for i, r := range fm.References {
		line := max(r.Title.Line, r.URL.Line)
		if line > 0 {
			line += offset
		}
		if err := checkReference(i+1, r.Title.Value, r.URL.Value); err != nil {
			errs = append(errs, &Error{Path: path, Line: line, Err: err})
			continue
		}
		doc.References = append(doc.References, faq.Reference{Title: r.Title.Value, URL: r.URL.Value})
	}
	return titleLine, joinErrors(errs)
}

// checkReference checks that reference n has a title and an http(s) URL.
func checkReference(n int, title, link string) error {
	switch {
	case link == "":
		return fmt.Errorf("reference %d (%q) has no url: add \"url: https://...\"", n, title)
	case title == "":
		return fmt.Errorf("reference %d (%s) has no title: add \"title: ...\"", n, link)
	}
	u, err := url.Parse(link)
	if err != nil || (u.Scheme != "http" && u.Scheme != "https") || u.Host == "" {
		return fmt.Errorf("reference %d: url %q is not a web address starting with https:// or http://", n, link)
	}
	return nil
}
