package search

import (
	"context"

	index "github.com/blevesearch/bleve_index_api"

	"github.com/faqbot/faqbot/internal/faq"
)

// Analyse maps and analyses every passage of lib as Build does, on every core, and
// throws the result away, returning the number of terms it found. With reading and
// parsing the content it is the floor of a build: the work no index of lib can do
// without, which cmd/faqscale measures next to the build.
func Analyse(ctx context.Context, lib faq.Library) (int, error) {
	ctx, cancel := context.WithCancel(ctx)
	defer cancel() // stops the workers if a passage fails
	terms := 0
	for docs := range analyse(ctx, newMapping(), lib) {
		if docs.err != nil {
			return terms, docs.err
		}
		for _, d := range docs.docs {
			d.VisitFields(func(f index.Field) { terms += len(f.AnalyzedTokenFrequencies()) })
		}
	}
	return terms, ctx.Err()
}
