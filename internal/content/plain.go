package content

import (
	"bytes"
	"strings"

	"github.com/yuin/goldmark/ast"
	east "github.com/yuin/goldmark/extension/ast"
	"github.com/yuin/goldmark/util"
)

// plainBlocks returns blocks as plain text for indexing: no Markdown markup, one line
// per paragraph, list item and table row; table cells separated by "; ".
func plainBlocks(blocks []ast.Node, src []byte) string {
	var b strings.Builder
	if len(blocks) > 0 {
		b.Grow(max(0, blockEnd(blocks[len(blocks)-1])-blockPos(blocks[0])))
	}
	for _, n := range blocks {
		plainBlock(n, src, &b)
	}
	return strings.TrimSpace(b.String())
}

// plainBlock writes the plain text of one block, ending with a newline.
func plainBlock(n ast.Node, src []byte, b *strings.Builder) {
	switch n := n.(type) {
	case *ast.Paragraph, *ast.TextBlock, *ast.Heading:
		plainInlineTo(n, src, b)
		newline(b)
	case *ast.FencedCodeBlock, *ast.CodeBlock:
		lines := n.Lines()
		for i := range lines.Len() {
			seg := lines.At(i)
			b.Write(seg.Value(src))
		}
		newline(b)
	case *ast.HTMLBlock, *ast.ThematicBreak, *ast.LinkReferenceDefinition:
		// no text
	case *east.Table:
		for row := n.FirstChild(); row != nil; row = row.NextSibling() {
			i := 0
			for cell := row.FirstChild(); cell != nil; cell = cell.NextSibling() {
				if i > 0 {
					b.WriteString("; ")
				}
				i++
				plainInlineTo(cell, src, b)
			}
			newline(b)
		}
	default: // lists, list items, block quotes
		for c := n.FirstChild(); c != nil; c = c.NextSibling() {
			plainBlock(c, src, b)
		}
	}
}

// blockEnd returns where the last text segment in n ends, or 0.
func blockEnd(n ast.Node) int {
	if n.Type() == ast.TypeBlock && n.Lines().Len() > 0 {
		return n.Lines().At(n.Lines().Len() - 1).Stop
	}
	for c := n.LastChild(); c != nil; c = c.PreviousSibling() {
		if e := blockEnd(c); e > 0 {
			return e
		}
	}
	return 0
}

// newline ends the current line unless it is already ended.
func newline(b *strings.Builder) {
	if s := b.String(); s != "" && !strings.HasSuffix(s, "\n") {
		b.WriteByte('\n')
	}
}

// plainInline returns the text of n's inline children without markup.
func plainInline(n ast.Node, src []byte) string {
	var b strings.Builder
	plainInlineTo(n, src, &b)
	return b.String()
}

// plainInlineTo writes the text of n's inline children without markup: link text
// without the URL, image alt text, code spans as written; raw HTML is dropped.
func plainInlineTo(n ast.Node, src []byte, b *strings.Builder) {
	for c := n.FirstChild(); c != nil; c = c.NextSibling() {
		switch c := c.(type) {
		case *ast.Text:
			v := c.Value(src)
			if !c.IsRaw() && bytes.ContainsAny(v, "\\&") {
				v = util.UnescapePunctuations(util.ResolveNumericReferences(util.ResolveEntityNames(v)))
			}
			b.Write(v)
			switch {
			case c.HardLineBreak():
				b.WriteByte('\n')
			case c.SoftLineBreak():
				b.WriteByte(' ')
			}
		case *ast.String:
			b.Write(c.Value)
		case *ast.CodeSpan:
			for t := c.FirstChild(); t != nil; t = t.NextSibling() {
				if t, ok := t.(*ast.Text); ok {
					b.Write(t.Value(src))
				}
			}
		case *ast.AutoLink:
			b.Write(c.Label(src))
		case *ast.RawHTML, *east.TaskCheckBox:
			// no text
		default: // emphasis, links, images, strikethrough
			plainInlineTo(c, src, b)
		}
	}
}
