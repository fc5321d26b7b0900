package content

import (
	"strconv"
	"strings"
	"unicode"
)

// This file holds the two rules that turn titles into names: heading anchors, which
// make passage IDs ("<document id>#<anchor>"), and document IDs, which are file names.
// They differ on purpose. Anchors follow GitHub's rule, so that an ID's fragment is
// the link to the heading where the file is shown on GitHub, and they must not
// change: IDs already given out would stop matching. File names want to be short and
// tidy: words joined by single dashes, never empty, never a name Load skips.

// slugs hands out a document's heading anchors, each unique within the document.
type slugs struct {
	taken map[string]bool
	next  map[string]int // anchor -> the number to try first for its next repeat
}

// newSlugs returns slugs with the given anchors already taken.
func newSlugs(taken ...string) slugs {
	s := slugs{taken: make(map[string]bool, len(taken)+8), next: map[string]int{}}
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

// FileExt is the extension of content files: Load reads the *.md files.
const FileExt = ".md"

// maxDocumentID is the longest document ID DocumentID makes, in bytes.
const maxDocumentID = 80

// DocumentID returns the document ID, i.e. the file name without FileExt, to give a
// new document titled title: its words (runs of letters and digits) in lower case,
// joined by '-', at most 80 bytes. It is "faq" when the title has no words, and
// never "readme", a name Load skips.
func DocumentID(title string) string {
	var b strings.Builder
	dash := false
	for _, r := range strings.ToLower(title) {
		if unicode.IsLetter(r) || unicode.IsDigit(r) {
			if dash && b.Len() > 0 {
				b.WriteByte('-')
			}
			dash = false
			if b.Len()+len(string(r)) > maxDocumentID {
				break
			}
			b.WriteRune(r)
		} else {
			dash = true
		}
	}
	s := strings.Trim(b.String(), "-")
	switch s {
	case "":
		return "faq"
	case "readme":
		return "readme-faq"
	}
	return s
}
