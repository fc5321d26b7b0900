package search

import (
	"context"
	"sync/atomic"

	index "github.com/blevesearch/bleve_index_api"

	"github.com/faqbot/faqbot/internal/faq"
)

// Analyse maps and analyses every passage of lib as Build does, on every core, and
// throws the result away, returning the number of terms it found. With reading and
// parsing the content it is the floor of a build: the work no index of lib can do
// without, which cmd/faqscale measures next to the build.
func Analyse(ctx context.Context, lib faq.Library) (int, error) {
	var terms atomic.Int64
	err := eachBatch(ctx, newMapping(), lib, false, func(*faq.Document, *faq.Passage) {}, func(_ int, docs []index.Document) error {
		n := 0
		for _, d := range docs {
			d.VisitFields(func(f index.Field) { n += len(f.AnalyzedTokenFrequencies()) })
		}
		terms.Add(int64(n))
		return nil
	})
	return int(terms.Load()), err
}
