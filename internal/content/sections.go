package content

import (
	"strings"

	"github.com/yuin/goldmark/ast"

	"github.com/faqbot/faqbot/internal/faq"
)

// introSlug is the ID fragment of the intro passage.
const introSlug = "intro"

// builder turns the top-level blocks of a Markdown body into passages.
type builder struct {
	path  string
	src   []byte
	lines lines
	doc   *faq.Document
	errs  []error

	slugs     slugs
	questions map[string]int // FAQ question (normalised) -> line
	section   string         // the current ## heading
	inFAQ     bool           // the current ## heading is the FAQ heading
}

func newBuilder(path string, src []byte, firstLine int, doc *faq.Document) *builder {
	return &builder{
		path:      path,
		src:       src,
		lines:     newLines(src, firstLine),
		doc:       doc,
		slugs:     newSlugs(introSlug),
		questions: map[string]int{},
	}
}

// unit is a heading (nil for the intro) and the blocks up to the next ## or ### heading.
type unit struct {
	heading *ast.Heading
	blocks  []ast.Node
	end     int // offset where the next heading's line starts
}

// build walks the document's top-level blocks and appends passages to b.doc.
func (b *builder) build(root ast.Node) {
	u := unit{}
	for n := root.FirstChild(); n != nil; n = n.NextSibling() {
		h, ok := n.(*ast.Heading)
		if ok && h.Level == 1 {
			b.errorf(blockPos(h), "a # heading is not allowed here: the title goes in the front matter; use ## for sections and ### for sub-sections or questions")
			continue
		}
		if !ok || h.Level > 3 {
			u.blocks = append(u.blocks, n)
			continue
		}
		u.end = b.lines.start(blockPos(h))
		b.passage(u)
		u = unit{heading: h, blocks: u.blocks[:0]} // passage keeps no blocks
	}
	u.end = len(b.src)
	b.passage(u)
}

// passage turns one unit into a passage, if it has text of its own.
func (b *builder) passage(u unit) {
	blocks := u.blocks
	var alternates []string
	if len(blocks) > 0 && isAlsoAsked(blocks[0], b.src) {
		var list *ast.List
		if len(blocks) > 1 {
			list, _ = blocks[1].(*ast.List)
		}
		if list == nil || blocks[0].Lines().Len() > 1 {
			b.errorf(blockPos(blocks[0]), "\"Also asked:\" must be followed directly by a list of questions, one per \"- \" line")
			blocks = blocks[1:] // go on, to report any further problems
		} else {
			alternates = listItems(list, b.src)
			blocks = blocks[2:]
			b.checkOneLineItems(list)
		}
	}
	for _, n := range blocks {
		if isAlsoAsked(n, b.src) {
			b.errorf(blockPos(n), "\"Also asked:\" must come directly under a ## or ### heading, before the text")
		}
	}

	p := faq.Passage{DocumentID: b.doc.ID, Alternates: alternates}
	if len(blocks) > 0 {
		start := b.lines.start(blockPos(blocks[0]))
		p.Text = strings.TrimSpace(string(b.src[start:u.end]))
		p.Plain = plainBlocks(blocks, b.src)
	}
	empty := strings.TrimSpace(p.Plain) == ""

	if u.heading == nil {
		if len(u.blocks) == 0 {
			return
		}
		p.Line = b.lines.line(blockPos(u.blocks[0]))
		if empty {
			if alternates != nil {
				b.errorf(blockPos(u.blocks[0]), "\"Also asked:\" needs text after it")
			}
			return
		}
		p.Kind, p.Title, p.ID = faq.KindIntro, b.doc.Title, b.doc.ID+"#"+introSlug
		b.doc.Passages = append(b.doc.Passages, p)
		return
	}

	pos := blockPos(u.heading)
	p.Line = b.lines.line(pos)
	p.Title = strings.TrimSpace(plainInline(u.heading, b.src))
	if p.Title == "" {
		b.errorf(pos, "empty heading: write the section title or question after the #s")
		return
	}
	p.ID = b.doc.ID + "#" + b.slugs.unique(p.Title)

	if u.heading.Level == 2 {
		b.section, b.inFAQ = p.Title, isFAQHeading(p.Title)
		p.Kind, p.Section = faq.KindSection, p.Title
		if empty {
			// A ## heading with only ### sub-sections under it is not a passage.
			if alternates != nil {
				b.errorf(pos, "\"Also asked:\" under a heading with no text of its own: move it under a ### heading")
			}
			return
		}
		b.doc.Passages = append(b.doc.Passages, p)
		return
	}

	// ### heading
	if b.section == "" {
		b.errorf(pos, "### heading %q comes before any ## heading: add a ## section above it", p.Title)
		return
	}
	p.Kind, p.Section = faq.KindSection, b.section
	if b.inFAQ {
		p.Kind = faq.KindFAQ
		key := questionKey(p.Title)
		if line, dup := b.questions[key]; dup {
			b.errorf(pos, "question %q is already asked on line %d: merge the two answers", p.Title, line)
			return
		}
		b.questions[key] = p.Line
		if empty {
			b.errorf(pos, "question %q has no answer: write the answer under it", p.Title)
			return
		}
	} else if empty {
		b.errorf(pos, "section %q has no text: write some under it or remove the heading", p.Title)
		return
	}
	b.doc.Passages = append(b.doc.Passages, p)
}

// checkOneLineItems reports "Also asked:" items that run over several lines: usually
// the text after the list, joined to its last item for want of a blank line.
func (b *builder) checkOneLineItems(list *ast.List) {
	for item := list.FirstChild(); item != nil; item = item.NextSibling() {
		for c := item.FirstChild(); c != nil; c = c.NextSibling() {
			if c.Type() == ast.TypeBlock && c.Lines().Len() > 1 {
				b.errorf(c.Lines().At(1).Start, "an \"Also asked:\" question runs over several lines: put each on one line, and leave a blank line after the list")
				return
			}
		}
	}
}

// errorf records a problem at body offset pos.
func (b *builder) errorf(pos int, format string, args ...any) {
	line := 0
	if pos >= 0 {
		line = b.lines.line(pos)
	}
	b.errs = append(b.errs, errorf(b.path, line, format, args...))
}

// questionKey is what two FAQ questions of a document share when they are the same
// question: case and spacing do not matter.
func questionKey(q string) string {
	return strings.Join(strings.Fields(strings.ToLower(q)), " ")
}

// isFAQHeading tells whether a ## heading starts the FAQ part.
func isFAQHeading(title string) bool {
	t := strings.TrimSpace(title)
	return strings.EqualFold(t, FAQHeading) || strings.EqualFold(t, "FAQ") || strings.EqualFold(t, "FAQs")
}

// isAlsoAsked tells whether n is the paragraph "Also asked:" (or one starting with
// that line, a mistake passage reports).
func isAlsoAsked(n ast.Node, src []byte) bool {
	p, ok := n.(*ast.Paragraph)
	if !ok || p.Lines().Len() == 0 {
		return false
	}
	seg := p.Lines().At(0)
	if seg.Len() > 40 { // quick rejection of ordinary paragraphs
		return false
	}
	t := strings.Trim(string(seg.Value(src)), "*_ \t\n")
	return strings.EqualFold(t, alsoAsked) || strings.EqualFold(t, strings.TrimSuffix(alsoAsked, ":"))
}

// listItems returns the plain text of each item of a list, skipping empty ones.
func listItems(list *ast.List, src []byte) []string {
	var items []string
	for c := list.FirstChild(); c != nil; c = c.NextSibling() {
		s := plainBlocks([]ast.Node{c}, src)
		if strings.ContainsAny(s, "\n\t") || strings.Contains(s, "  ") {
			s = strings.Join(strings.Fields(s), " ")
		}
		if s != "" {
			items = append(items, s)
		}
	}
	return items
}
