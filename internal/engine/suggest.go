package engine

import (
	"context"
	"sort"
	"strings"
	"unicode"

	"github.com/faqbot/faqbot/internal/faq"
)

// suggestion is a passage title prepared for autocomplete.
type suggestion struct {
	title     string
	passageID string
	document  string
	faq       bool
	words     []string // lowercased words of the title and its alternate phrasings
	order     int      // position in the content, for a stable order
}

func newSuggestions(lib faq.Library) []suggestion {
	var out []suggestion
	for _, d := range lib.Documents {
		for _, p := range d.Passages {
			words := splitWords(p.Title)
			for _, a := range p.Alternates {
				words = append(words, splitWords(a)...)
			}
			out = append(out, suggestion{
				title: p.Title, passageID: p.ID, document: d.Title,
				faq: p.Kind == faq.KindFAQ, words: words, order: len(out),
			})
		}
	}
	return out
}

func splitWords(s string) []string {
	return strings.FieldsFunc(strings.ToLower(s), func(r rune) bool {
		return !unicode.IsLetter(r) && !unicode.IsNumber(r)
	})
}

// Suggest ranks FAQ questions and section titles for a partly typed question, for
// autocomplete: each typed word must start some word of the title or its alternate
// phrasings. With nothing typed it lists the FAQ questions first. When no title
// matches word by word, the best full-text matches are offered instead.
func (e *Engine) Suggest(ctx context.Context, prefix string, limit int) ([]faq.Alternative, error) {
	st, err := e.acquire()
	if err != nil {
		return nil, err
	}
	defer e.release()
	if limit <= 0 {
		return nil, nil
	}
	typed := splitWords(truncate(prefix, 200))
	type scored struct {
		s     *suggestion
		score int
	}
	var found []scored
	for i := range st.suggest {
		s := &st.suggest[i]
		score := 0
		for _, w := range typed {
			if hasWordPrefix(s.words, w) {
				score += 2
			}
		}
		if len(typed) > 0 && score == 0 {
			continue
		}
		if s.faq {
			score++
		}
		found = append(found, scored{s, score})
	}
	sort.SliceStable(found, func(a, b int) bool {
		if found[a].score != found[b].score {
			return found[a].score > found[b].score
		}
		return found[a].s.order < found[b].s.order
	})
	var out []faq.Alternative
	for _, f := range found {
		if len(out) == limit {
			break
		}
		out = append(out, faq.Alternative{Title: f.s.title, Score: float64(f.score), PassageID: f.s.passageID, Document: f.s.document})
	}
	if len(out) == 0 && len(typed) > 0 {
		res, err := st.ix.Search(ctx, prefix, limit)
		if err != nil {
			return nil, err
		}
		for _, h := range res.Hits {
			if loc, ok := st.passages[h.PassageID]; ok {
				out = append(out, faq.Alternative{Title: loc.p.Title, Score: h.Score, PassageID: h.PassageID, Document: loc.doc.Title})
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
