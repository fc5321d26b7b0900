package content_test

import (
	"errors"
	"strings"
	"testing"

	"github.com/faqbot/faqbot/internal/content"
)

// TestFrontMatterErrorLines checks that a YAML mistake is reported on the file line
// it is on, wherever it is: the first line of the front matter (file line 2), a
// later one, or inside the references list.
func TestFrontMatterErrorLines(t *testing.T) {
	tests := []struct {
		name string
		yaml string // front matter between the --- lines; file line 2 is its first line
		line int
		want string
	}{
		{"colon in a value, line 2", "title: Ketamine: a guide\n", 2, "mapping values are not allowed"},
		{"colon in a value, line 4", "title: A\nsummary: S\ndisclaimer: Note: this\n", 4, "mapping values are not allowed"},
		{"text after a quoted value, line 2", "title: \"Ketamine\" and you\n", 2, "did not find expected key"},
		{"text after a quoted value, line 3", "title: A\nsummary: \"Ketamine\" and you\n", 3, "did not find expected key"},
		{"value starting with a bracket, line 2", "title: [Draft] Ketamine\n", 2, "did not find expected key"},
		{"value starting with a bracket, line 5", "title: A\nsummary: S\nreviewed: 2025-01-15\ndisclaimer: [Draft] x\n", 5, "did not find expected key"},
		{"apostrophe in single quotes, line 2", "title: 'It's here'\n", 2, "did not find expected key"},
		{"list left open, line 2", "title: [unclosed\nsummary: S\n", 2, "did not find expected ',' or ']'"},
		{"list left open, line 3", "title: A\nsummary: [unclosed\n", 3, "did not find expected ',' or ']'"},
		{"quote left open, line 2", "title: \"unterminated\nsummary: S\n", 2, "found unexpected end of stream"},
		{"quote left open, line 5", "title: A\n\n\nsummary: \"x\n", 5, "found unexpected end of stream"},
		{"character that starts no value, line 2", "title: @handle\n", 2, "cannot start any token"},
		{"character that starts no value, line 3", "title: A\nsummary: `code`\n", 3, "cannot start any token"},
		{"star, line 2", "title: *Important*\n", 2, "did not find expected alphabetic or numeric character"},
		{"unknown alias, line 3", "title: A\nsummary: *alias\n", 3, "unknown anchor"},
		{"tab indent, line 3", "title: A\n\tsummary: x\n", 3, "tab character"},
		{"tab indent, line 4", "title: A\nsummary: S\n\tdisclaimer: x\n", 4, "tab character"},
		{"indented field, line 3", "title: A\n  summary: x\n", 3, "mapping values are not allowed"},
		{"list item among fields, line 4", "title: A\nsummary: S\n- x\n", 4, "did not find expected key"},
		{"field name without colon, line 3", "title: A\nsummary\nreviewed: 2025-01-15\n", 3, "could not find expected ':'"},
		{"reference url indented too little, line 6", "title: A\nsummary: S\nreferences:\n  - title: x\n   url: https://x.example\n", 6, "did not find expected '-' indicator"},
		{"reference misindented, line 6", "title: A\nreferences:\n- title: x\n  url: https://x.example\n - title: y\n", 6, "did not find expected key"},
		{"duplicate field names both lines", "title: A\nsummary: S\ntitle: B\n", 4, `"title" already defined at line 2`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			src := "---\n" + tt.yaml + "---\n## A\nText.\n"
			_, err := content.Parse("bad.md", []byte(src))
			var ce *content.Error
			if !errors.As(err, &ce) {
				t.Fatalf("Parse(%q) error = %v; want a *content.Error", src, err)
			}
			if ce.Line != tt.line || !strings.Contains(ce.Error(), tt.want) {
				t.Errorf("Parse(%q) error = %v; want line %d and %q", src, ce, tt.line, tt.want)
			}
		})
	}
}
