package bm25

// accumulator sums clause scores per passage. It is reused from query to query,
// with the space the clauses record their passages in.
type accumulator struct {
	score   []float64
	count   []int32
	touched []uint64
	arena   []uint32
}

// docs returns an empty slice with room for n passages, from the arena.
func (a *accumulator) docs(n int) []uint32 {
	if len(a.arena)+n > cap(a.arena) {
		// A new arena; slices already handed out keep the old one.
		a.arena = make([]uint32, 0, max(2*cap(a.arena), n, 1<<14))
	}
	start := len(a.arena)
	a.arena = a.arena[:start+n]
	return a.arena[start : start : start+n]
}

func (a *accumulator) add(doc uint64, score float64) {
	if doc >= uint64(len(a.score)) {
		n := max(2*len(a.score), int(doc)+1, 1024)
		a.score = append(a.score, make([]float64, n-len(a.score))...)
		a.count = append(a.count, make([]int32, n-len(a.count))...)
	}
	if a.count[doc] == 0 {
		a.touched = append(a.touched, doc)
	}
	a.score[doc] += score
	a.count[doc]++
}

type scored struct {
	doc   uint64
	score float64
}

// top returns the size best passages by summed score times the share of the total
// clauses each matched; among equal scores the earlier passage wins.
func (a *accumulator) top(size, total int) []scored {
	out := make([]scored, 0, size+1)
	better := func(x, y scored) bool {
		return x.score > y.score || (x.score == y.score && x.doc < y.doc)
	}
	for _, d := range a.touched {
		s := scored{doc: d, score: a.score[d] * (float64(a.count[d]) / float64(total))}
		if len(out) == size && !better(s, out[size-1]) {
			continue
		}
		i := len(out)
		out = append(out, s)
		for ; i > 0 && better(s, out[i-1]); i-- {
			out[i] = out[i-1]
		}
		out[i] = s
		if len(out) > size {
			out = out[:size]
		}
	}
	return out
}

func (a *accumulator) reset() {
	for _, d := range a.touched {
		a.score[d] = 0
		a.count[d] = 0
	}
	a.touched = a.touched[:0]
	a.arena = a.arena[:0]
}
