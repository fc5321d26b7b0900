package search

import (
	"context"

	"github.com/faqbot/faqbot/internal/faq"
)

// Backend builds and opens indexes with fixed Options; it is what internal/index
// is given.
type Backend struct {
	// Options are the decision thresholds of every index the Backend opens.
	Options Options
}

// Build is Build with b's Options, as a faq.Ranker, except that it drops each of
// lib's passages' Plain text as it indexes it (index.Store builds from a library it
// does not index again), so that they are not all in memory at once.
func (b Backend) Build(ctx context.Context, dir string, lib faq.Library) (faq.Ranker, error) {
	ix, err := buildOpen(ctx, dir, lib, b.Options, true)
	if err != nil {
		return nil, err // not a nil *Index in a non-nil interface
	}
	return ix, nil
}

// Open is Open with b's Options, as a faq.Ranker.
func (b Backend) Open(dir string, lib faq.Library) (faq.Ranker, error) {
	ix, err := Open(dir, lib, b.Options)
	if err != nil {
		return nil, err
	}
	return ix, nil
}
