package search

import (
	"regexp"
	"slices"
	"strings"

	"github.com/blevesearch/bleve/v2/analysis"
	"github.com/faqbot/faqbot/internal/faq"
)

// Synonyms the content states itself, found in its text when the index is built:
//
//   - "X, also called Y", "X (also known as Y or Z)", "X is sometimes called Y",
//     where X shares a word with the passage's or the document's title;
//   - "another name for X is Y", "other names for X include Y and Z";
//   - abbreviations defined in parentheses: "hemoglobin A1c (HbA1c)" (abbrev.go);
//   - the items of a passage titled "What are the brand names of X?" (or other
//     names, or trade names): each is a name of X.
var (
	// alsoCalled is what comes before "called" (or "known as", …) in "X, also
	// called Y": it is matched against the few bytes before each such verb.
	alsoCalled  = regexp.MustCompile(`(?i)(?:([,;])\s+|\b(?:is|are)\s+|(\()\s*)(?:which is\s+|that is\s+)?(?:also|sometimes|often|commonly)\s+$`)
	anotherName = regexp.MustCompile(`(?i)\banother name for ([\w' -]{2,60}?) is ([^.;:()]+)`)
	otherNames  = regexp.MustCompile(`(?i)\bother names for ([\w' -]{2,60}?) (?:include|are) ([^.;:()]+)`)
	namesTitle  = regexp.MustCompile(`(?i)\b(?:brand|other|trade) names? (?:of|for) (.+?)[\s?.]*$`)
	// listSplit separates the names of a list: commas, "or", "and".
	listSplit = regexp.MustCompile(`(?i)\s*,\s*(?:and\s+|or\s+)?|\s+(?:or|and)\s+`)
	// phraseEnd ends a name after a marker.
	phraseEnd = regexp.MustCompile(`[.;:()\[\]]|,\s*(?:which|who|that|where|is|are|was|were)\b|\s[-–—]\s`)
)

// Limits on derived names.
const (
	maxNameWords = 5 // a longer "name" is a description
	minNameRunes = 2
)

// functionWords end a name read backwards from a marker ("the" in "the Houston
// type, also called …"), and are dropped from the front of one read forwards.
var functionWords = setOf("a", "an", "the", "of", "in", "on", "at", "to", "for", "with", "without", "by",
	"from", "and", "or", "but", "as", "is", "are", "was", "were", "be", "been", "which", "that", "this",
	"these", "those", "it", "its", "they", "their", "there", "who", "whom", "whose", "when", "where",
	"called", "known", "also", "sometimes", "often", "commonly", "named", "has", "have", "had", "can",
	"may", "such", "some", "most", "many", "more", "other", "one", "two", "type", "form", "forms", "kind")

// categoryWords name a kind of thing, not a thing: a name made of them alone
// ("the disease", "this condition") says nothing.
var categoryWords = setOf("disease", "diseases", "disorder", "disorders", "syndrome", "syndromes",
	"condition", "conditions", "problem", "problems", "illness", "infection", "infections", "cancer",
	"cancers", "tumor", "tumors", "procedure", "procedures", "test", "tests", "treatment", "treatments",
	"therapy", "therapies", "drug", "drugs", "medicine", "medicines", "medication", "medications",
	"cell", "cells", "phase", "stage", "stages", "people", "person", "patients", "patient", "symptom",
	"symptoms", "sign", "signs", "gene", "genes", "protein", "proteins", "virus", "bacteria", "part", "body")

func setOf(words ...string) map[string]bool {
	m := make(map[string]bool, len(words))
	for _, w := range words {
		m[w] = true
	}
	return m
}

// deriveSynonyms finds the synonyms lib's text states, as equivalence rules, in
// content order and without repeats; an is the analyzer they are compared with.
func deriveSynonyms(lib faq.Library, an analysis.Analyzer) []faq.SynonymRule {
	d := newDeriver(an)
	for _, doc := range lib.Documents {
		for _, p := range doc.Passages {
			d.passage(doc.Title, p.Title, p.Plain)
		}
	}
	return d.rules()
}

// passage finds the synonyms stated in the plain text of a passage titled title,
// of a document titled document. Passages are given in content order.
func (d *deriver) passage(document, title, plain string) {
	topic := titleWords(title + " " + document)
	for line := range strings.SplitSeq(plain, "\n") {
		// The words each pattern needs, looked for first: a regular expression is
		// slow to run over all of a large content's text.
		d.alsoCalled(line, topic)
		if strings.Contains(line, "name for") || strings.Contains(line, "names for") {
			d.otherNames(line, topic)
		}
		if strings.IndexByte(line, '(') >= 0 {
			d.abbreviations(line)
		}
	}
	if m := namesTitle.FindStringSubmatch(title); m != nil {
		d.nameList(m[1], plain)
	}
}

// titleWords are the words of a title that could show what a passage is about: not
// the words of its aspect ("causes" in "What causes …?").
func titleWords(title string) map[string]bool {
	out := map[string]bool{}
	for _, w := range splitWords(title) {
		if !functionWords[w] && !categoryWords[w] && !aspects.isCueWord(w) && len(w) > 2 {
			out[w] = true
		}
	}
	return out
}

// namingVerbs introduce another name in "X, also called Y".
var namingVerbs = []string{"called ", "known as ", "referred to as ", "named "}

// alsoCalledBack is how far before a naming verb alsoCalled is looked for.
const alsoCalledBack = 40

// alsoCalled finds "X, also called Y or Z" in line, where X is about topic.
func (d *deriver) alsoCalled(line string, topic map[string]bool) {
	for _, verb := range namingVerbs {
		for i := 0; ; {
			j := strings.Index(line[i:], verb)
			if j < 0 {
				break
			}
			at := i + j
			i = at + len(verb)
			from := max(0, at-alsoCalledBack)
			m := alsoCalled.FindStringSubmatchIndex(line[from:at])
			if m == nil {
				continue
			}
			x := nameBefore(line[:from+m[0]])
			if !about(x, topic) {
				continue
			}
			// After a comma or a parenthesis the names end at the next comma, unless
			// it goes on with "or" or "and"; after "is also called", with the sentence.
			d.add(x, namesAfter(line[i:], m[2] >= 0 || m[4] >= 0)...)
		}
	}
}

// otherNames finds "another name for X is Y" and "other names for X include Y, Z".
func (d *deriver) otherNames(line string, topic map[string]bool) {
	for _, re := range []*regexp.Regexp{anotherName, otherNames} {
		for _, m := range re.FindAllStringSubmatch(line, -1) {
			x := trimFunctionWords(m[1])
			if about(x, topic) {
				d.add(x, namesAfter(m[2], false)...)
			}
		}
	}
}

// nameList reads the items of a passage listing the names of subject, one a line.
func (d *deriver) nameList(subject, plain string) {
	subject = trimFunctionWords(subject)
	if strings.HasPrefix(strings.ToLower(subject), "combination") {
		return // the names of products that combine it with other medicines
	}
	for line := range strings.SplitSeq(plain, "\n") {
		name := strings.Trim(parenthetical.ReplaceAllString(line, " "), " -–*•)(\t")
		words := strings.Fields(name)
		if len(words) == 0 || len(words) > maxNameWords-1 {
			continue
		}
		d.add(subject, name)
		// "Keflex Capsules" is also called "Keflex".
		if first := strings.ToLower(words[0]); len(words) > 1 && !d.dict.has(first) &&
			!strings.EqualFold(words[0], strings.Fields(subject)[0]) {
			d.add(subject, words[0])
		}
	}
}

var parenthetical = regexp.MustCompile(`\([^)]*\)?`)

// pointing words refer back to something named before ("these cysts, also called
// …"): the name after them is not the thing's own.
var pointingWords = setOf("this", "these", "that", "those", "such", "its", "their", "his", "her", "your", "our", "my")

// nameBefore is the name that ends line: its last few words back to punctuation or
// a function word, skipping a parenthesis right before the end ("leukemia (ALL)");
// "" when the name follows a pointing word.
func nameBefore(line string) string {
	line = strings.TrimRight(line, " ")
	if strings.HasSuffix(line, ")") {
		if i := strings.LastIndex(line, "("); i >= 0 {
			line = strings.TrimRight(line[:i], " ")
		}
	}
	words := strings.Fields(line)
	start := len(words)
	for start > 0 && len(words)-start < maxNameWords {
		w := words[start-1]
		if !isNameWord(w) || functionWords[strings.ToLower(w)] {
			break
		}
		start--
	}
	if start > 0 && pointingWords[strings.ToLower(words[start-1])] {
		return ""
	}
	return strings.Join(words[start:], " ")
}

// namesAfter are the names a marker introduces: up to the end of the phrase, or
// with appositive up to the first comma not followed by "or" or "and", split at
// commas, "or" and "and".
func namesAfter(s string, appositive bool) []string {
	if loc := phraseEnd.FindStringIndex(s); loc != nil {
		s = s[:loc[0]]
	}
	if appositive {
		s = appositiveNames(s)
	}
	var out []string
	for _, part := range listSplit.Split(s, -1) {
		part = trimFunctionWords(strings.Trim(part, "\"'“”‘’ "))
		words := strings.Fields(part)
		if len(words) == 0 || len(words) > maxNameWords || slices.ContainsFunc(words, notNameWord) {
			break // the list has ended: what follows is a sentence
		}
		out = append(out, part)
	}
	// "meningeal or perineural cysts" names meningeal cysts.
	if n := len(out); n > 1 {
		last := strings.Fields(out[n-1])
		for i, name := range out[:n-1] {
			if len(last) > 1 && !strings.Contains(name, " ") && strings.ToUpper(name) != name {
				out[i] = name + " " + last[len(last)-1]
			}
		}
	}
	return out
}

// appositiveNames cuts s at its first comma not followed by "or" or "and".
func appositiveNames(s string) string {
	for i := 0; i < len(s); i++ {
		if s[i] != ',' {
			continue
		}
		next := strings.Fields(s[i+1:])
		if len(next) == 0 || !strings.EqualFold(next[0], "or") && !strings.EqualFold(next[0], "and") {
			return s[:i]
		}
	}
	return s
}

// trimFunctionWords drops function words from the front of a phrase ("a bowel
// obstruction").
func trimFunctionWords(s string) string {
	words := strings.Fields(s)
	for len(words) > 0 && functionWords[strings.ToLower(words[0])] {
		words = words[1:]
	}
	return strings.Join(words, " ")
}

// about reports whether a name shares a word with a passage's titles.
func about(name string, topic map[string]bool) bool {
	for _, w := range splitWords(name) {
		if topic[w] {
			return true
		}
	}
	return false
}

func notNameWord(w string) bool { return !isNameWord(w) }

// isNameWord reports whether w can be part of a name: letters, digits, and inside
// the word "-", "'", "/" or "." ("22q13.3").
func isNameWord(w string) bool {
	if w == "" || strings.HasSuffix(w, ".") {
		return false
	}
	for _, r := range w {
		if !(r == '-' || r == '\'' || r == '/' || r == '.' || 'a' <= r && r <= 'z' || 'A' <= r && r <= 'Z' || '0' <= r && r <= '9' || r > 127) {
			return false
		}
	}
	return true
}
