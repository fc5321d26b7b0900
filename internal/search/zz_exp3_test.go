package search

import (
	"context"
	"encoding/json"
	"os"
	"sort"
	"testing"
)

func TestExpPostings(t *testing.T) {
	dir := os.Getenv("EXP_INDEX")
	if dir == "" {
		t.Skip()
	}
	ix, err := Open(dir, nil)
	if err != nil {
		t.Fatal(err)
	}
	defer ix.Close()
	var qs []struct{ Class, Text string }
	b, _ := os.ReadFile(os.Getenv("EXP_Q"))
	json.Unmarshal(b, &qs)
	adv, _ := ix.bleve.Advanced()
	r, _ := adv.Reader()
	defer r.Close()
	byField := map[string]uint64{}
	byTerm := map[string]uint64{}
	byClass := map[string]uint64{}
	nClass := map[string]int{}
	var clauses int
	for _, q := range qs {
		nClass[q.Class]++
		for _, c := range ix.concepts(q.Text) {
			for _, a := range c.alts {
				for _, f := range fieldBoosts {
					for _, term := range a.terms {
						clauses++
						tfr, err := r.TermFieldReader(context.Background(), []byte(term), f.name, false, false, false)
						if err != nil {
							t.Fatal(err)
						}
						n := tfr.Count()
						tfr.Close()
						byField[f.name] += n
						byTerm[f.name+":"+term] += n
						byClass[q.Class] += n
					}
				}
			}
		}
	}
	t.Logf("clauses/query %d", clauses/len(qs))
	for f, n := range byField {
		t.Logf("field %s: %d postings/query", f, n/uint64(len(qs)))
	}
	for c, n := range byClass {
		t.Logf("class %s: %d postings/query", c, n/uint64(nClass[c]))
	}
	type kv struct {
		k string
		v uint64
	}
	var kvs []kv
	for k, v := range byTerm {
		kvs = append(kvs, kv{k, v})
	}
	sort.Slice(kvs, func(a, b int) bool { return kvs[a].v > kvs[b].v })
	for _, e := range kvs[:30] {
		t.Logf("%s %d", e.k, e.v/uint64(len(qs)))
	}
}
