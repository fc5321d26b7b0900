// Package search is faqbot's full-text ranker, a faq.Ranker over a bleve index:
// the mapping and building an index from a faq.Library (build.go, mapping.go),
// turning a question into concepts — topic terms with their synonyms and typo
// corrections, weighed by rarity and by whether their sentence asks something
// (question.go, asking.go, typos.go, synonyms.go) — and those into one bleve query
// (query.go), ranking the passages found by how much of the question they cover
// (coverage.go, rank.go), the answer decision calibrated with that ranking
// (decide.go), autocomplete (suggest.go) and an explanation of it all for tuning
// (explain.go). Sub-package bm25 runs the query over the index's postings. Only
// this package and its sub-packages import bleve.
package search
