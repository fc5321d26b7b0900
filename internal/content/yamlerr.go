package content

import (
	"bytes"
	"errors"
	"fmt"
	"regexp"
	"strconv"
	"strings"

	"go.yaml.in/yaml/v3"
)

// The YAML library reports where a syntax error is in its message only ("line 3:
// ..."), and not always as a person would count:
//
//   - it gives the line of the construct the error is in (a quoted text, a list,
//     "while parsing a block mapping") rather than of the problem, unless that
//     construct starts on the first line, which it then treats as no line at all;
//   - it counts from 1 for scanner errors, from 0 for parser errors, and gives no
//     line when the one it would give is the first.
//
// So an error on the first line of the front matter came out as "no line", and a
// mistake on the first line was reported a line or two lower. yamlErrors finds the
// line by decoding again: the YAML after a blank line, which moves every construct
// off the first line so the construct's line is always given, and, for an error in
// a block list or mapping, where the person should look, the YAML from that
// construct's line on, so that the library reports the problem's line instead.

// yamlErrors turns a front-matter decoding error into *Error values with file line
// numbers. src is the YAML, which starts offset lines into the file.
func yamlErrors(path string, src []byte, offset int, err error) error {
	var te *yaml.TypeError
	if errors.As(err, &te) {
		errs := make([]error, 0, len(te.Errors))
		for _, m := range te.Errors {
			// Type errors carry the node's line, counted from 1.
			line, m, ok := cutLine(m)
			if !ok {
				line = 0
			}
			m = definedAt.ReplaceAllStringFunc(m, func(s string) string {
				n, _ := strconv.Atoi(strings.TrimPrefix(s, "already defined at line "))
				return "already defined at line " + strconv.Itoa(n+offset)
			})
			errs = append(errs, yamlError(path, line+offset, m))
		}
		return joinErrors(errs)
	}
	m := strings.TrimPrefix(err.Error(), "yaml: ")
	_, m, _ = cutLine(m)
	return yamlError(path, syntaxLine(src, m)+offset, m)
}

// definedAt is the line a duplicate field's message names, in YAML lines.
var definedAt = regexp.MustCompile(`already defined at line \d+`)

func yamlError(path string, line int, m string) *Error {
	return &Error{Path: path, Line: line, Err: fmt.Errorf("front matter: %s", friendlyYAML(m))}
}

// syntaxLine returns the line of src (counted from 1) that the error with message m
// (without its line) is about; 0, i.e. the line before the YAML, when the library
// gives none (e.g. an unknown alias, found after parsing).
func syntaxLine(src []byte, m string) int {
	// Decoded after a blank line, the YAML's line n is the library's 0-based line n.
	m2, line, ok := parseError(append([]byte("\n"), src...))
	if !ok || m2 != m {
		if name, ok := strings.CutPrefix(m, "unknown anchor '"); ok {
			return lineWith(src, 1, "*"+strings.TrimSuffix(name, "' referenced"))
		}
		return 0
	}
	if !yamlParserError(m) {
		// A scanner error: the library counted from 1, and from the blank line.
		line--
		if strings.HasPrefix(m, "found a tab character") {
			// The line is that of the text being scanned; the tab may be further on.
			return indentTabLine(src, line)
		}
		return line
	}
	if m != "did not find expected key" && m != "did not find expected '-' indicator" {
		return line // the start of a [list] or {map} left open, say
	}
	// line is where the block list or mapping starts; the library gives the line
	// of the problem when the construct starts on the first line.
	sub := src
	for range line - 1 {
		_, sub, _ = bytes.Cut(sub, []byte("\n"))
	}
	m3, n, _ := parseError(sub)
	if m3 != m {
		return line
	}
	return line + n
}

// parseError parses src and returns its error's message and line as the library
// gives them; ok is false when there is no error or no line.
func parseError(src []byte) (m string, line int, ok bool) {
	var n yaml.Node
	err := yaml.Unmarshal(src, &n)
	if err == nil {
		return "", 0, false
	}
	line, m, ok = cutLine(strings.TrimPrefix(err.Error(), "yaml: "))
	return m, line, ok
}

// cutLine splits "line 3: problem" into 3 and "problem".
func cutLine(m string) (int, string, bool) {
	if rest, ok := strings.CutPrefix(m, "line "); ok {
		if num, after, ok := strings.Cut(rest, ": "); ok {
			if n, err := strconv.Atoi(num); err == nil {
				return n, after, true
			}
		}
	}
	return 0, m, false
}

// indentTabLine returns the first line from line on whose indentation holds a tab,
// or line.
func indentTabLine(src []byte, line int) int {
	for i, l := range strings.Split(string(src), "\n") {
		if i+1 >= line && strings.Contains(l[:len(l)-len(strings.TrimLeft(l, " \t"))], "\t") {
			return i + 1
		}
	}
	return line
}

// lineWith returns the first line from line on that contains s, or 0.
func lineWith(src []byte, line int, s string) int {
	for i, l := range strings.Split(string(src), "\n") {
		if i+1 >= line && strings.Contains(l, s) {
			return i + 1
		}
	}
	return 0
}

// yamlParserError tells whether m is one of the YAML parser's (not scanner's) error
// messages, which the library reports with a 0-based line number.
func yamlParserError(m string) bool {
	switch m {
	case "did not find expected node content", "did not find expected '-' indicator",
		"did not find expected key", "did not find expected ',' or ']'",
		"did not find expected ',' or '}'", "found undefined tag handle",
		"did not find expected <document start>", "found incompatible YAML document",
		"found duplicate %YAML directive", "found duplicate %TAG directive":
		return true
	}
	return false
}

// friendlyYAML rewords the YAML library's messages that name Go types.
func friendlyYAML(m string) string {
	if rest, ok := strings.CutPrefix(m, "field "); ok {
		if name, typ, ok := strings.Cut(rest, " not found in type "); ok {
			if strings.HasSuffix(typ, "frontMatterReference") {
				return fmt.Sprintf("unknown reference field %q (a reference has title and url)", name)
			}
			return fmt.Sprintf("unknown field %q (the fields are %s)", name, frontMatterFields)
		}
	}
	if strings.HasPrefix(m, "cannot unmarshal") {
		if _, typ, ok := strings.Cut(m, " into "); ok {
			switch {
			case strings.HasPrefix(typ, "[]"):
				return "references must be a list: each entry starts with \"- title: ...\""
			case strings.HasSuffix(typ, "frontMatter"):
				return "expected fields like \"title: ...\", one per line"
			case strings.HasSuffix(typ, "frontMatterReference"):
				return "a reference is written as \"- title: ...\" with \"url: ...\" on the next line"
			case typ == "string":
				return "expected text, found a list or map"
			}
		}
	}
	return m
}
