package search

import (
	"context"
	"sort"
	"strings"
	"unicode"

	"github.com/faqbot/faqbot/internal/faq"
)

// passage is what the index keeps of a library passage: its title, and for
// autocomplete whether it is an FAQ entry and its alternate phrasings.
type passage struct {
	id, title  string
	faq, intro bool
	alternates []string // its "Also asked" phrasings
	// about is what the title answers and is about, found the first time the
	// passage is ranked (titles.go).
	about titleInfo
}

// newPassages returns lib's passages in content order, and their positions by ID.
func newPassages(lib faq.Library) ([]passage, map[string]int) {
	out := make([]passage, 0, lib.Passages())
	byID := make(map[string]int, lib.Passages())
	for _, d := range lib.Documents {
		for _, p := range d.Passages {
			byID[p.ID] = len(out)
			out = append(out, passage{id: p.ID, title: p.Title, faq: p.Kind == faq.KindFAQ, intro: p.Kind == faq.KindIntro,
				alternates: p.Alternates})
		}
	}
	return out, byID
}

// passageWords returns, for each passage, the lowercased words of its title and
// alternate phrasings, which autocomplete matches. They are split on the first
// Suggest, not when the index opens: a command that answers one question never
// needs them.
func passageWords(passages []passage) [][]string {
	out := make([][]string, len(passages))
	for i := range passages {
		p := &passages[i]
		words := splitWords(p.title)
		for _, a := range p.alternates {
			words = append(words, splitWords(a)...)
		}
		out[i] = words
	}
	return out
}

func splitWords(s string) []string {
	return strings.FieldsFunc(strings.ToLower(s), func(r rune) bool {
		return !unicode.IsLetter(r) && !unicode.IsNumber(r)
	})
}

// maxPrefix is how much of a typed prefix (in characters) is matched against titles
// word by word.
const maxPrefix = 200

// Suggest ranks FAQ questions and section titles for a partly typed question, for
// autocomplete: each typed word must start some word of the title or its alternate
// phrasings, and scores 2; an FAQ entry scores 1 more. With nothing typed it lists
// the FAQ questions first. Equal scores keep the content's order. When no title
// matches word by word, the best full-text matches are offered instead, with their
// search scores.
func (ix *Index) Suggest(ctx context.Context, prefix string, n int) ([]faq.Hit, error) {
	if n <= 0 {
		return nil, nil
	}
	typed := splitWords(faq.Shorten(prefix, maxPrefix))
	type scored struct {
		i, score int
	}
	var found []scored
	words := ix.words()
	for i := range ix.passages {
		p := &ix.passages[i]
		score := 0
		for _, w := range typed {
			if hasWordPrefix(words[i], w) {
				score += 2
			}
		}
		if len(typed) > 0 && score == 0 {
			continue
		}
		if p.faq {
			score++
		}
		found = append(found, scored{i, score})
	}
	sort.SliceStable(found, func(a, b int) bool {
		if found[a].score != found[b].score {
			return found[a].score > found[b].score
		}
		return found[a].i < found[b].i
	})
	var out []faq.Hit
	for _, f := range found {
		if len(out) == n {
			break
		}
		out = append(out, faq.Hit{PassageID: ix.passages[f.i].id, Score: float64(f.score)})
	}
	if len(out) == 0 && len(typed) > 0 {
		res, err := ix.find(ctx, prefix, n)
		if err != nil {
			return nil, err
		}
		for _, h := range res.hits {
			if _, ok := ix.byID[h.passageID]; ok {
				out = append(out, faq.Hit{PassageID: h.passageID, Score: h.score})
			}
		}
	}
	return out, nil
}

func hasWordPrefix(words []string, prefix string) bool {
	for _, w := range words {
		if strings.HasPrefix(w, prefix) {
			return true
		}
	}
	return false
}
