package search

import (
	_ "embed"
	"strings"
)

//go:embed filler.txt
var fillerText string

// fillerWords are the words of filler.txt.
var fillerWords = parseWordList(fillerText)

func parseWordList(s string) []string {
	var out []string
	for _, line := range strings.Split(s, "\n") {
		line = strings.TrimSpace(line)
		if line == "" || strings.HasPrefix(line, "#") {
			continue
		}
		out = append(out, line)
	}
	return out
}
