package content

import (
	"bytes"
	"errors"
	"path/filepath"
	"sort"
	"strings"
	"unicode/utf8"

	"github.com/yuin/goldmark"
	"github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/extension"
	"github.com/yuin/goldmark/parser"
	"github.com/yuin/goldmark/text"

	"github.com/faqbot/faqbot/internal/faq"
)

// Parse reads one content file. path names the file in errors and becomes
// Document.Path; the document ID is the file name without ".md". Every problem found
// is reported (errors.Join of *Error values). Load is faster for many files: it builds
// the Markdown parser once.
func Parse(path string, data []byte) (faq.Document, error) {
	p, err := newParser().parse(path, data)
	return p.doc, err
}

// markdown parses Markdown bodies. One is not safe for concurrent use.
type markdown struct {
	md parser.Parser
}

// newParser builds a Markdown parser with the GitHub-flavoured extensions that change
// the structure of the text: tables, strikethrough and task lists. GFM's autolinking
// of bare URLs is left out: it changes no text, Discord links bare URLs itself, and it
// splits text at every space, making parsing markedly slower.
func newParser() *markdown {
	md := goldmark.New(goldmark.WithExtensions(extension.Table, extension.Strikethrough, extension.TaskList))
	return &markdown{md: md.Parser()}
}

// parsed is a parsed document and the line of its title, for duplicate-title errors.
type parsed struct {
	doc       faq.Document
	titleLine int
}

// parse reads one content file; see Parse.
func (p *markdown) parse(path string, data []byte) (parsed, error) {
	out := parsed{doc: faq.Document{ID: strings.TrimSuffix(filepath.Base(path), ".md"), Path: path}}
	if len(data) > MaxFileSize {
		return out, errorf(path, 0, "file is %d bytes; the limit is %d (1 MiB): split it into several files", len(data), MaxFileSize)
	}
	if !utf8.Valid(data) {
		return out, errorf(path, invalidUTF8Line(data), "the file is not valid UTF-8 text: save it with UTF-8 encoding")
	}
	data = bytes.TrimPrefix(data, []byte("\uFEFF"))
	if bytes.IndexByte(data, '\r') >= 0 {
		data = bytes.ReplaceAll(data, []byte("\r\n"), []byte("\n"))
	}
	if len(bytes.TrimSpace(data)) == 0 {
		return out, errorf(path, 0, "the file is empty")
	}
	fm, body, bodyLine, err := splitFrontMatter(path, data)
	if err != nil {
		return out, err
	}
	var errs []error
	out.titleLine, err = decodeFrontMatter(path, fm, &out.doc)
	if err != nil {
		errs = append(errs, err)
	}
	b := newBuilder(path, body, bodyLine, &out.doc)
	b.build(p.md.Parse(text.NewReader(body)))
	errs = append(errs, b.errs...)
	if len(out.doc.Passages) == 0 && len(errs) == 0 {
		errs = append(errs, errorf(path, bodyLine, "no content after the front matter: add text and ## sections"))
	}
	return out, joinErrors(errs)
}

// joinErrors is errors.Join, except that a single error is returned as it is.
func joinErrors(errs []error) error {
	if len(errs) == 1 {
		return errs[0]
	}
	return errors.Join(errs...)
}

// invalidUTF8Line is the 1-based line of the first byte that is not valid UTF-8.
func invalidUTF8Line(data []byte) int {
	for i := 0; i < len(data); {
		r, size := utf8.DecodeRune(data[i:])
		if r == utf8.RuneError && size == 1 {
			return 1 + bytes.Count(data[:i], []byte("\n"))
		}
		i += size
	}
	return 0
}

// lines maps byte offsets of a body to file lines.
type lines struct {
	starts []int // offsets where lines start
	first  int   // file line of offset 0
}

func newLines(src []byte, first int) lines {
	starts := make([]int, 1, 64)
	for i, c := range src {
		if c == '\n' {
			starts = append(starts, i+1)
		}
	}
	return lines{starts: starts, first: first}
}

// line returns the file line of offset pos.
func (l lines) line(pos int) int {
	return l.first + sort.SearchInts(l.starts, pos+1) - 1
}

// start returns the offset of the start of the line holding pos.
func (l lines) start(pos int) int {
	return l.starts[sort.SearchInts(l.starts, pos+1)-1]
}

// blockPos returns where a block starts in the source, or -1.
func blockPos(n ast.Node) int {
	if p := n.Pos(); p >= 0 {
		return p
	}
	if n.Type() == ast.TypeBlock && n.Lines().Len() > 0 {
		return n.Lines().At(0).Start
	}
	for c := n.FirstChild(); c != nil; c = c.NextSibling() {
		if p := blockPos(c); p >= 0 {
			return p
		}
	}
	return -1
}
