package main

import (
	"context"
	"time"

	"github.com/faqbot/faqbot/internal/content"
	"github.com/faqbot/faqbot/internal/index"
	"github.com/faqbot/faqbot/internal/search"
)

// floorPhase does what no build can do without: it reads and parses the content as
// a reindex does (content.LoadFingerprint) and analyses every passage as the build
// does (search.Analyse), and writes nothing. The build is measured as a ratio to it.
func floorPhase(ctx context.Context, cfg index.Config) (result, error) {
	start := time.Now()
	lib, _, err := content.LoadFingerprint(cfg.ContentDir)
	if err != nil {
		return result{}, err
	}
	r := result{Load: msSince(start), Documents: len(lib.Documents), Passages: lib.Passages()}
	analysed := time.Now()
	if _, err := search.Analyse(ctx, lib); err != nil {
		return result{}, err
	}
	r.Index = msSince(analysed)
	r.Total = msSince(start)
	return r, nil
}
