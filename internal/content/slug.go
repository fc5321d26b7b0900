package content

import (
	"strconv"
	"strings"
	"unicode"
)

// slugs hands out a document's heading anchors, each unique within the document.
type slugs struct {
	taken map[string]bool
	next  map[string]int // anchor -> the number to try first for its next repeat
}

// newSlugs returns slugs with the given anchors already taken.
func newSlugs(taken ...string) slugs {
	s := slugs{taken: make(map[string]bool, 64), next: map[string]int{}}
	for _, t := range taken {
		s.taken[t] = true
	}
	return s
}

// unique returns the heading's anchor, like GitHub's: see slugify; "section" when
// that is empty. A repeated anchor gets "-2", "-3", ...: the lowest number that makes
// it unique, so a later heading that is itself "details-2" becomes "details-2-2".
// Numbers already passed over for an anchor are not tried again, which keeps a file
// of many identical headings linear: every number below next[s] is taken, and taken
// anchors stay taken.
func (s *slugs) unique(title string) string {
	base := slugify(title)
	if base == "" {
		base = "section"
	}
	out := base
	if s.taken[out] {
		i := max(2, s.next[base])
		for ; s.taken[base+"-"+strconv.Itoa(i)]; i++ {
		}
		out = base + "-" + strconv.Itoa(i)
		s.next[base] = i + 1
	}
	s.taken[out] = true
	return out
}

// slugify lower-cases title, turns spaces into '-' and drops punctuation.
func slugify(title string) string {
	var sb strings.Builder
	sb.Grow(len(title))
	for _, r := range strings.TrimSpace(title) {
		switch {
		case unicode.IsLetter(r) || unicode.IsNumber(r) || r == '-' || r == '_':
			sb.WriteRune(unicode.ToLower(r))
		case r == ' ':
			sb.WriteByte('-')
		}
	}
	return sb.String()
}
