package content

import (
	"errors"
	"fmt"
	"strings"

	"github.com/faqbot/faqbot/internal/faq"
)

// ChecksFile is the name of the moderators' must-answer checks, read from the top of
// the content directory.
const ChecksFile = "checks.tsv"

// ParseChecks reads a checks file: one check a line, the question, a tab, and what it
// must get — a passage ID (document#heading), "not covered", "crisis" or
// "emergency" (any capitals). A line starting with "#" is a comment; blank lines are
// ignored. Every bad line is reported (errors.Join of *Error values). Whether a
// passage ID names a passage is for the checks to find: a heading renamed is a
// failed check, not a file that cannot be read.
func ParseChecks(path string, data []byte) ([]faq.Check, error) {
	var checks []faq.Check
	err := parseLines(path, data, func(n int, line string) error {
		c, err := parseCheckLine(line)
		if err == nil && c.Question != "" {
			c.Path, c.Line = path, n
			checks = append(checks, c)
		}
		return err
	})
	return checks, err
}

// parseCheckLine parses one line; a blank or comment line gives a zero Check.
func parseCheckLine(line string) (faq.Check, error) {
	line = strings.TrimRight(line, "\r")
	if strings.TrimSpace(line) == "" || strings.HasPrefix(strings.TrimSpace(line), "#") {
		return faq.Check{}, nil
	}
	fields := strings.Split(line, "\t")
	question := strings.Join(strings.Fields(fields[0]), " ")
	switch {
	case len(fields) == 1:
		return faq.Check{}, errors.New("no tab: write the question, a tab, then the passage ID it must get, or not covered, crisis or emergency")
	case len(fields) > 2:
		return faq.Check{}, fmt.Errorf("%d tabs: write the question, one tab, then what it must get", len(fields)-1)
	case question == "":
		return faq.Check{}, errors.New("no question before the tab")
	}
	expect := strings.TrimSpace(fields[1])
	switch kw := strings.Join(strings.Fields(strings.ToLower(expect)), " "); kw {
	case faq.ExpectNotCovered, faq.ExpectCrisis, faq.ExpectEmergency:
		return faq.Check{Question: question, Expect: kw}, nil
	case "":
		return faq.Check{}, errors.New("nothing after the tab: write the passage ID the question must get, or not covered, crisis or emergency")
	}
	if !strings.Contains(expect, "#") || strings.ContainsAny(expect, " \t") {
		return faq.Check{}, fmt.Errorf("%q is neither a passage ID (document#heading, as `faqbot ask -json` shows it) nor not covered, crisis or emergency", expect)
	}
	return faq.Check{Question: question, Expect: expect}, nil
}
