package content

import (
	"bytes"
	"errors"
	"fmt"
	"slices"
	"strings"
	"unicode/utf8"

	"github.com/faqbot/faqbot/internal/faq"
)

// ParseSynonyms reads a synonyms file in Solr's format: one rule per line, "#" starts a
// comment, blank lines are ignored, matching ignores case.
//
//	prozac, fluoxetine            # equivalent: each term matches the others
//	booze, beer => alcohol        # one way: the left terms also match the right ones
//
// A term may be a phrase of several words. Equivalence rules have an empty Input.
// Terms are lower-cased with runs of spaces collapsed. Every bad line is reported
// (errors.Join of *Error values).
func ParseSynonyms(path string, data []byte) ([]faq.SynonymRule, error) {
	var rules []faq.SynonymRule
	err := parseLines(path, data, func(_ int, line string) error {
		rule, err := parseSynonymLine(line)
		if err == nil && rule.Synonyms != nil {
			rules = append(rules, rule)
		}
		return err
	})
	return rules, err
}

// parseLines reads a file of one item a line: it refuses one too large or not
// UTF-8, drops a byte-order mark, and calls parse with each line and its number,
// reporting every problem parse returns on its line.
func parseLines(path string, data []byte, parse func(n int, line string) error) error {
	if len(data) > MaxFileSize {
		return errorf(path, 0, "file is %d bytes; the limit is %d (1 MiB)", len(data), MaxFileSize)
	}
	if !utf8.Valid(data) {
		return errorf(path, invalidUTF8Line(data), "the file is not valid UTF-8 text: save it with UTF-8 encoding")
	}
	data = bytes.TrimPrefix(data, []byte("\uFEFF"))
	var errs []error
	for i, line := range strings.Split(string(data), "\n") {
		if err := parse(i+1, line); err != nil {
			errs = append(errs, &Error{Path: path, Line: i + 1, Err: err})
		}
	}
	return joinErrors(errs)
}

// parseSynonymLine parses one line; a blank or comment line gives a zero rule.
func parseSynonymLine(line string) (faq.SynonymRule, error) {
	line, _, _ = strings.Cut(line, "#")
	line = strings.TrimSpace(line)
	if line == "" {
		return faq.SynonymRule{}, nil
	}
	left, right, oneWay := strings.Cut(line, "=>")
	if !oneWay {
		terms, err := synonymTerms(line)
		if err != nil {
			return faq.SynonymRule{}, err
		}
		if len(terms) < 2 {
			return faq.SynonymRule{}, fmt.Errorf("%q: list at least two terms separated by commas, or use \"=>\"", line)
		}
		return faq.SynonymRule{Synonyms: terms}, nil
	}
	if strings.Contains(right, "=>") {
		return faq.SynonymRule{}, fmt.Errorf("%q: only one \"=>\" is allowed on a line", line)
	}
	if strings.TrimSpace(left) == "" {
		return faq.SynonymRule{}, fmt.Errorf("%q: nothing before \"=>\": write the words a reader may use on the left", line)
	}
	if strings.TrimSpace(right) == "" {
		return faq.SynonymRule{}, fmt.Errorf("%q: nothing after \"=>\": write the words they should also match on the right", line)
	}
	in, err := synonymTerms(left)
	if err != nil {
		return faq.SynonymRule{}, err
	}
	out, err := synonymTerms(right)
	if err != nil {
		return faq.SynonymRule{}, err
	}
	return faq.SynonymRule{Input: in, Synonyms: out}, nil
}

// synonymTerms splits a comma-separated list into lower-cased terms, dropping repeats.
func synonymTerms(s string) ([]string, error) {
	var terms []string
	for part := range strings.SplitSeq(s, ",") {
		t := strings.Join(strings.Fields(strings.ToLower(part)), " ")
		if t == "" {
			return nil, errors.New("empty term: two commas in a row, or a comma at the start or end")
		}
		if !slices.Contains(terms, t) {
			terms = append(terms, t)
		}
	}
	return terms, nil
}
