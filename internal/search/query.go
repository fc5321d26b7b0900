package search

import (
	"github.com/blevesearch/bleve/v2/search/query"
)

// query turns concepts into a bleve query: each alternative of each concept is
// looked for in every field, weighted by the field's boost and how the alternative
// was found. Only term and phrase queries are built, so nothing in the question is
// ever read as query syntax.
func (ix *Index) query(concepts []concept) *query.DisjunctionQuery {
	var should []query.Query
	for _, c := range concepts {
		for _, a := range c.alts {
			for _, f := range fieldBoosts {
				var q query.Query
				if len(a.terms) == 1 {
					tq := query.NewTermQuery(a.terms[0])
					tq.SetField(f.name)
					tq.SetBoost(f.boost * a.factor)
					q = tq
				} else {
					pq := query.NewPhraseQuery(a.terms, f.name)
					pq.SetBoost(f.boost * a.factor)
					q = pq
				}
				should = append(should, q)
			}
		}
	}
	if len(should) == 0 {
		return nil
	}
	return query.NewDisjunctionQuery(should)
}
