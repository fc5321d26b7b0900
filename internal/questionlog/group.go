package questionlog

import (
	"cmp"
	"slices"
	"strings"
	"time"
	"unicode"

	"github.com/faqbot/faqbot/internal/faq"
)

// Asked is one unanswered question as the log keeps it.
type Asked struct {
	Text    string
	Nearest string
	Time    time.Time
}

// similar is how much of their words (Jaccard, without the small words) two
// wordings must share to be counted as one question.
const similar = 0.6

// skipped are words that do not tell questions apart.
var skipped = map[string]bool{}

func init() {
	for _, w := range strings.Fields(`a an the is are am be was were do does did can could should would will
		i me my we our you your it its this that to of in on for with and or at by as so if about
		what how why when which who whom there any some`) {
		skipped[w] = true
	}
}

// allWords splits a question into its words, lower-cased.
func allWords(text string) []string {
	return strings.FieldsFunc(strings.ToLower(text), func(r rune) bool {
		return !unicode.IsLetter(r) && !unicode.IsDigit(r) && r != '[' && r != ']'
	})
}

// words returns the telling words of a question, lower-cased, plurals made singular
// (Porter's first step), sorted.
func words(text string) []string {
	var out []string
	for _, w := range allWords(text) {
		if skipped[w] {
			continue
		}
		switch {
		case strings.HasSuffix(w, "sses"), strings.HasSuffix(w, "ies"):
			w = w[:len(w)-2]
		case len(w) > 3 && strings.HasSuffix(w, "s") && !strings.HasSuffix(w, "ss"):
			w = w[:len(w)-1]
		}
		out = append(out, w)
	}
	slices.Sort(out)
	return slices.Compact(out)
}

// jaccard is the share of words two sorted, distinct lists have in common.
func jaccard(a, b []string) float64 {
	if len(a) == 0 || len(b) == 0 {
		return 0
	}
	common, i, j := 0, 0, 0
	for i < len(a) && j < len(b) {
		switch c := strings.Compare(a[i], b[j]); {
		case c == 0:
			common++
			i++
			j++
		case c < 0:
			i++
		default:
			j++
		}
	}
	return float64(common) / float64(len(a)+len(b)-common)
}

// group is questions counted as one.
type group struct {
	words    []string       // those of the most asked wording
	wordings map[string]int // wording -> times asked
	nearest  map[string]int // nearest passage -> times
	out      faq.Unanswered
}

// Group puts near-duplicate questions together: those sharing most of their words
// (or all, where they have none that tell) count as one, shown in their most asked
// wording with the passage most often nearest to them. It returns the limit most
// asked groups, most asked first (latest first among equals).
func Group(asked []Asked, limit int) []faq.Unanswered {
	// Identical wordings first, most asked first, so that each group is seeded by
	// its most common wording.
	type wording struct {
		key   string
		items []Asked
	}
	byKey := map[string]*wording{}
	var order []*wording
	for _, a := range asked {
		key := strings.Join(allWords(a.Text), " ")
		if key == "" {
			continue
		}
		w := byKey[key]
		if w == nil {
			w = &wording{key: key}
			byKey[key] = w
			order = append(order, w)
		}
		w.items = append(w.items, a)
	}
	slices.SortStableFunc(order, func(a, b *wording) int { return cmp.Compare(len(b.items), len(a.items)) })

	var groups []*group
	byWord := map[string][]*group{} // a word -> the groups whose seed has it
	for _, w := range order {
		ws := words(w.key)
		var best *group
		bestScore := similar
		for _, word := range ws {
			for _, g := range byWord[word] {
				if s := jaccard(ws, g.words); s >= bestScore && (best == nil || s > bestScore) {
					best, bestScore = g, s
				}
			}
		}
		if best == nil {
			best = &group{words: ws, wordings: map[string]int{}, nearest: map[string]int{}}
			groups = append(groups, best)
			for _, word := range ws {
				byWord[word] = append(byWord[word], best)
			}
		}
		for _, a := range w.items {
			best.add(a)
		}
	}
	out := make([]faq.Unanswered, 0, len(groups))
	for _, g := range groups {
		out = append(out, g.result())
	}
	slices.SortStableFunc(out, func(a, b faq.Unanswered) int {
		return cmp.Or(cmp.Compare(b.Count, a.Count), b.Last.Compare(a.Last))
	})
	if limit > 0 && len(out) > limit {
		out = out[:limit]
	}
	return out
}

func (g *group) add(a Asked) {
	g.out.Count++
	g.wordings[a.Text]++
	if a.Nearest != "" {
		g.nearest[a.Nearest]++
	}
	if a.Time.After(g.out.Last) {
		g.out.Last = a.Time
	}
}

func (g *group) result() faq.Unanswered {
	u := g.out
	wordings := mostFirst(g.wordings)
	u.Question, u.Wordings = wordings[0], wordings[1:]
	if n := mostFirst(g.nearest); len(n) > 0 {
		u.Nearest = n[0]
	}
	return u
}

// mostFirst lists the keys of counts, the most counted first, then alphabetically.
func mostFirst(counts map[string]int) []string {
	keys := make([]string, 0, len(counts))
	for k := range counts {
		keys = append(keys, k)
	}
	slices.SortFunc(keys, func(a, b string) int { return cmp.Or(cmp.Compare(counts[b], counts[a]), strings.Compare(a, b)) })
	return keys
}
