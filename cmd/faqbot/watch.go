package main

import (
	"context"
	"errors"
	"log/slog"
	"time"

	"github.com/faqbot/faqbot/internal/content"
	"github.com/faqbot/faqbot/internal/engine"
	"github.com/faqbot/faqbot/internal/faq"
)

// reindexer is the engine as the watcher uses it: the metrics wrapper, so automatic
// reindexes are counted like /reindex.
type reindexer interface {
	Reindex(ctx context.Context) (faq.ReindexReport, error)
}

// watchContent polls the content directory every interval and reindexes when it has
// changed and then stayed unchanged for one more interval (a debounce, so a copy in
// progress is not indexed half-done). Bad content is logged and the index in service
// stays; the same change is not retried until the content changes again.
func watchContent(ctx context.Context, e *engine.Engine, contentDir string, r reindexer, every time.Duration, log *slog.Logger) {
	t := time.NewTicker(every)
	defer t.Stop()
	var pending, failed string
	for {
		select {
		case <-ctx.Done():
			return
		case <-t.C:
		}
		stale, err := e.Stale()
		if err != nil {
			log.Warn("watch content", "err", err)
			continue
		}
		fp := ""
		if stale {
			if fp, err = content.Fingerprint(contentDir); err != nil {
				log.Warn("watch content", "err", err)
				continue
			}
		}
		switch {
		case !stale || fp == failed:
			pending = ""
		case fp != pending:
			pending = fp // changed: wait one more tick for it to settle
		default:
			pending = ""
			if _, err := r.Reindex(ctx); err != nil && !errors.Is(err, faq.ErrReindexRunning) {
				failed = fp
				log.Error("content changed but could not be indexed; serving the previous index", "err", err)
			}
		}
	}
}
