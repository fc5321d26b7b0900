package search

import (
	_ "embed"
	"sort"
	"strings"
	"sync"
)

// dictionaryText is an English word list (see the head of dictionary.txt).
//
//go:embed dictionary.txt
var dictionaryText string

// dictionary is a sorted list of correctly spelled English words.
type dictionary []string

// englishDictionary is the dictionary of dictionary.txt, parsed once.
var englishDictionary = sync.OnceValue(newDictionary)

func newDictionary() dictionary {
	words := parseWordList(dictionaryText)
	if !sort.StringsAreSorted(words) {
		sort.Strings(words)
	}
	return words
}

// has reports whether word (lower case) is spelled right.
func (d dictionary) has(word string) bool {
	i := sort.SearchStrings(d, word)
	return i < len(d) && d[i] == word && strings.TrimSpace(word) != ""
}
