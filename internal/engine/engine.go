// Package engine answers questions from the content: it checks for a crisis, searches
// the index, decides whether the best passage really answers the question, and adds
// the references and disclaimer. It also builds and atomically swaps the index.
package engine

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"os"
	"strings"
	"sync"

	"github.com/faqbot/faqbot/internal/content"
	"github.com/faqbot/faqbot/internal/faq"
	"github.com/faqbot/faqbot/internal/safety"
)

// DefaultDisclaimer is shown with every answer unless configuration or the
// document overrides it.
const DefaultDisclaimer = "This is general information, not medical advice. " +
	"Talk to your healthcare provider before starting, stopping or combining any medication."

// DefaultMinCoverage is the share of a question's weight the best passage must match
// for it to be given as the answer (see search.Hit.Coverage).
const DefaultMinCoverage = 0.6

// Config says where the content and the index are and how answers are made.
type Config struct {
	ContentDir string
	IndexDir   string
	// Disclaimer replaces DefaultDisclaimer (a document's own disclaimer still wins).
	Disclaimer string
	// CrisisText replaces safety.DefaultMessage as the reply to a crisis message.
	CrisisText string
	// MinCoverage replaces DefaultMinCoverage when > 0.
	MinCoverage float64
	// Alternatives is how many runners-up an answer lists (default 3).
	Alternatives int
}

func (c *Config) defaults() {
	if c.Disclaimer == "" {
		c.Disclaimer = DefaultDisclaimer
	}
	if c.CrisisText == "" {
		c.CrisisText = safety.DefaultMessage
	}
	if c.MinCoverage <= 0 {
		c.MinCoverage = DefaultMinCoverage
	}
	if c.Alternatives <= 0 {
		c.Alternatives = 3
	}
}

// Engine answers questions. It is safe for concurrent use; a reindex swaps the index
// while questions keep being answered.
type Engine struct {
	cfg    Config
	log    *slog.Logger
	crisis *safety.Detector

	mu     sync.RWMutex // guards st; held for reading while a question is answered
	st     *state
	closed bool

	reindex sync.Mutex // held while a reindex runs
}

// New returns an engine serving the build currently in cfg.IndexDir, if there is
// one; it never builds. An engine without a build answers nothing until Reindex.
func New(cfg Config, log *slog.Logger) (*Engine, error) {
	cfg.defaults()
	if log == nil {
		log = slog.New(slog.DiscardHandler)
	}
	e := &Engine{cfg: cfg, log: log, crisis: safety.NewDetector()}
	if err := os.MkdirAll(cfg.IndexDir, 0o755); err != nil {
		return nil, fmt.Errorf("create index directory: %w", err)
	}
	build, err := currentBuild(cfg.IndexDir)
	if err != nil {
		log.Warn("ignoring unreadable index", "err", err)
	}
	if build != "" {
		st, err := loadState(build)
		if err != nil {
			log.Warn("ignoring unreadable index", "build", build, "err", err)
		} else {
			e.st = st
		}
	}
	return e, nil
}

// Open returns an engine ready to answer: it serves the build in cfg.IndexDir,
// building first when there is none or the content changed since it was built. If
// that rebuild fails (bad content) and an older build exists, the older build is
// served and the error logged; with no build at all the error is returned.
func Open(ctx context.Context, cfg Config, log *slog.Logger) (*Engine, error) {
	e, err := New(cfg, log)
	if err != nil {
		return nil, err
	}
	stale, err := e.Stale()
	if err != nil && !e.Ready() {
		return nil, err
	}
	if !stale {
		e.mu.RLock()
		if e.st != nil {
			e.st.startWarm()
		}
		e.mu.RUnlock()
		return e, nil
	}
	if _, err := e.Reindex(ctx); err != nil {
		if !e.Ready() {
			return nil, err
		}
		e.log.Error("content changed but could not be indexed; serving the previous index", "err", err)
	}
	return e, nil
}

// Stale reports whether the content differs from what the index in service was
// built from (or there is no index). When no content file's name, size or
// modification time changed since the build, the content is taken as unchanged
// without reading it; otherwise its bytes are compared (content.Fingerprint).
func (e *Engine) Stale() (bool, error) {
	e.mu.RLock()
	st := e.st
	e.mu.RUnlock()
	if st == nil {
		return true, nil
	}
	if st.files != "" {
		if files, err := filesFingerprint(e.cfg.ContentDir); err == nil && files == st.files {
			return false, nil
		}
	}
	fp, err := content.Fingerprint(e.cfg.ContentDir)
	if err != nil {
		return true, err
	}
	return st.fingerprint != fp, nil
}

// Ready reports whether an index is loaded and questions can be answered.
func (e *Engine) Ready() bool {
	e.mu.RLock()
	defer e.mu.RUnlock()
	return e.st != nil && !e.closed
}

// Stats returns the documents and passages in service.
func (e *Engine) Stats() (documents, passages int) {
	e.mu.RLock()
	defer e.mu.RUnlock()
	if e.st == nil {
		return 0, 0
	}
	return len(e.st.lib.Documents), e.st.lib.Passages()
}

// acquire returns the state in service, holding the read lock; call release after.
func (e *Engine) acquire() (*state, error) {
	e.mu.RLock()
	if e.closed {
		e.mu.RUnlock()
		return nil, faq.ErrClosed
	}
	if e.st == nil {
		e.mu.RUnlock()
		return nil, errors.New("no index loaded")
	}
	return e.st, nil
}

func (e *Engine) release() { e.mu.RUnlock() }

// Answer answers one question. Bad questions (empty, huge, punctuation, query
// syntax) get a no_answer, not an error; errors mean the engine cannot answer at all.
func (e *Engine) Answer(ctx context.Context, question string) (faq.Answer, error) {
	question = strings.TrimSpace(strings.ToValidUTF8(question, "\uFFFD"))
	if e.crisis.IsCrisis(question) {
		return faq.Answer{Question: question, Kind: faq.KindCrisis, Text: e.cfg.CrisisText}, nil
	}
	st, err := e.acquire()
	if err != nil {
		return faq.Answer{}, err
	}
	defer e.release()
	res, err := st.ix.Search(ctx, question, e.cfg.Alternatives+1)
	if err != nil {
		return faq.Answer{}, fmt.Errorf("answer %q: %w", truncate(question, 80), err)
	}
	return e.decide(st, question, res), nil
}

// Passage returns the answer made of one passage, for buttons that refer to it.
func (e *Engine) Passage(ctx context.Context, passageID string) (faq.Answer, error) {
	st, err := e.acquire()
	if err != nil {
		return faq.Answer{}, err
	}
	defer e.release()
	loc, ok := st.passages[passageID]
	if !ok {
		return faq.Answer{}, fmt.Errorf("passage %q: %w", passageID, ErrNotFound)
	}
	return e.answerFrom("", loc, 0), nil
}

// ErrNotFound is returned for a passage ID that is not in the index.
var ErrNotFound = errors.New("not found")

// Close closes the index. Questions after Close get faq.ErrClosed.
func (e *Engine) Close() error {
	e.reindex.Lock()
	defer e.reindex.Unlock()
	e.mu.Lock()
	defer e.mu.Unlock()
	if e.closed {
		return nil
	}
	e.closed = true
	if e.st != nil {
		return e.st.close()
	}
	return nil
}

func truncate(s string, n int) string {
	if len(s) <= n {
		return s
	}
	return strings.ToValidUTF8(s[:n], "") + "…"
}
