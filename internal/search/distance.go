package search

import "unicode/utf8"

// editScratch is reusable space for osaDistance, so that comparing a word with
// thousands of others allocates nothing. One is not safe for concurrent use.
type editScratch struct {
	a, b []rune
	rows []int
}

// osaDistance is the optimal string alignment distance between a and b: the
// number of letters inserted, deleted or changed, or pairs of adjacent letters
// swapped, each letter taking part in one edit at most — so "ketmaine" is one edit
// from "ketamine", where Levenshtein counts two. over is true, and d meaningless,
// when the distance exceeds maxDist.
func (sc *editScratch) osaDistance(a, b string, maxDist int) (d int, over bool) {
	if n := utf8.RuneCountInString(a) - utf8.RuneCountInString(b); n > maxDist || -n > maxDist {
		return 0, true
	}
	sc.a, sc.b = appendRunes(sc.a[:0], a), appendRunes(sc.b[:0], b)
	s, t := sc.a, sc.b
	if len(s)-len(t) > maxDist || len(t)-len(s) > maxDist {
		return 0, true
	}
	n := len(t) + 1
	if cap(sc.rows) < 3*n {
		sc.rows = make([]int, 3*n)
	}
	rows := sc.rows[:3*n]
	prev2, prev, cur := rows[:n], rows[n:2*n], rows[2*n:]
	for j := range prev {
		prev[j] = j
	}
	for i := 1; i <= len(s); i++ {
		cur[0] = i
		rowMin := i
		for j := 1; j <= len(t); j++ {
			cost := 1
			if s[i-1] == t[j-1] {
				cost = 0
			}
			v := min(prev[j]+1, cur[j-1]+1, prev[j-1]+cost)
			if i > 1 && j > 1 && s[i-1] == t[j-2] && s[i-2] == t[j-1] {
				v = min(v, prev2[j-2]+1)
			}
			cur[j] = v
			rowMin = min(rowMin, v)
		}
		// A swap reaches back two rows: a later row's least value is at least that
		// of this one, or one more than that of the row before.
		if rowMin > maxDist && minOf(prev) >= maxDist {
			return 0, true
		}
		prev2, prev, cur = prev, cur, prev2
	}
	d = prev[len(t)]
	return d, d > maxDist
}

func appendRunes(dst []rune, s string) []rune {
	for _, r := range s {
		dst = append(dst, r)
	}
	return dst
}

func minOf(xs []int) int {
	m := xs[0]
	for _, x := range xs[1:] {
		m = min(m, x)
	}
	return m
}
