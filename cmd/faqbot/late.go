package main

import (
	"context"
	"errors"
	"sync/atomic"

	"github.com/faqbot/faqbot/internal/discord"
	"github.com/faqbot/faqbot/internal/faq"
)

// errLoading is the answer to anything asked before the index is loaded.
var errLoading = errors.New("the index is still loading")

// lateEngine lets the HTTP endpoint start (and /healthz say "not ready") before the
// engine exists; once set, it passes every call through.
type lateEngine struct {
	p atomic.Pointer[engineHolder]
}

type engineHolder struct{ eng discord.Engine }

func (l *lateEngine) set(e discord.Engine) { l.p.Store(&engineHolder{e}) }

func (l *lateEngine) get() (discord.Engine, error) {
	h := l.p.Load()
	if h == nil {
		return nil, errLoading
	}
	return h.eng, nil
}

// Ready reports whether an index is loaded.
func (l *lateEngine) Ready() bool {
	e, err := l.get()
	if err != nil {
		return false
	}
	if r, ok := e.(interface{ Ready() bool }); ok {
		return r.Ready()
	}
	return true
}

func (l *lateEngine) Answer(ctx context.Context, q string) (faq.Answer, error) {
	e, err := l.get()
	if err != nil {
		return faq.Answer{}, err
	}
	return e.Answer(ctx, q)
}

func (l *lateEngine) Suggest(ctx context.Context, prefix string, limit int) ([]faq.Alternative, error) {
	e, err := l.get()
	if err != nil {
		return nil, err
	}
	return e.Suggest(ctx, prefix, limit)
}

func (l *lateEngine) Passage(ctx context.Context, id string) (faq.Answer, error) {
	e, err := l.get()
	if err != nil {
		return faq.Answer{}, err
	}
	return e.Passage(ctx, id)
}

func (l *lateEngine) Reindex(ctx context.Context) (faq.ReindexReport, error) {
	e, err := l.get()
	if err != nil {
		return faq.ReindexReport{}, err
	}
	return e.Reindex(ctx)
}
