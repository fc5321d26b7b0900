// Package index keeps the index built from the content: it builds a new index into
// its own directory under index/, switches to it atomically, serves lookups from the
// build in service while another is built, notices when the content has changed, and
// watches it. It does not know how passages are ranked: a Backend (package search)
// builds and opens the rankers, so a different ranker replaces one wiring line in cmd.
package index

import (
	"context"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"os"
	"path/filepath"
	"sync"
	"time"

	"github.com/faqbot/faqbot/internal/faq"
)

// Errors the Store returns; the answering service turns them into what users read.
var (
	// ErrNoIndex: no build is in service yet (none built, or still loading).
	ErrNoIndex = errors.New("no index in service")
	// ErrClosed: the Store was closed.
	ErrClosed = errors.New("index closed")
	// ErrReindexRunning: a reindex was asked for while one runs.
	ErrReindexRunning = errors.New("a reindex is already running")
	// ErrNotFound: a passage id that is not in the build in service.
	ErrNotFound = errors.New("passage not found")
	// ErrNoContent: the content directory does not exist.
	ErrNoContent = errors.New("no content directory")
)

// ContentError is a reindex refused because content files have problems. Err lists
// them (errors.Join of *content.Error, each "file:line: problem").
type ContentError struct {
	Err error
	// fingerprint and files are the content's fingerprints, to hold it.
	fingerprint, files string
}

func (e *ContentError) Error() string { return "content has problems: " + e.Err.Error() }

// Unwrap returns the problems.
func (e *ContentError) Unwrap() error { return e.Err }

// Backend builds and opens the rankers of builds; search.Backend is the one in use.
type Backend interface {
	// Build indexes lib (its passages' Plain text; Text is dropped to spare memory)
	// into dir, which does not exist yet, and opens the result. It may drop the
	// passages' Plain texts as it goes: the Store does not use them afterwards.
	Build(ctx context.Context, dir string, lib faq.Library) (faq.Ranker, error)
	// Open opens what Build wrote into dir. lib is the library it was built from,
	// without the passages' texts.
	Open(dir string, lib faq.Library) (faq.Ranker, error)
}

// Config says where the content and the builds are.
type Config struct {
	ContentDir string
	IndexDir   string
	// AnswerCache is how many questions' results each build keeps, so that a
	// question asked again is not searched again (DefaultAnswerCache when 0, none
	// when negative).
	AnswerCache int
	// NoWarm leaves the ranker's caches to fill as questions use them, instead of
	// warming them in the background once a build is in service: for a command
	// that answers a question or two and exits, warming only competes with it.
	NoWarm bool
	// KeepBuilds is how many good builds are kept on disk to roll back to, the
	// one in service included (DefaultKeepBuilds when 0).
	KeepBuilds int
}

// Store is the index in service and the builds on disk. It is safe for concurrent
// use: lookups go on while a reindex builds and swaps in a new build.
type Store struct {
	cfg     Config
	backend Backend
	log     *slog.Logger

	mu     sync.RWMutex // guards st and closed; held for reading during a lookup
	st     *build
	closed bool

	reindex sync.Mutex // held while a reindex, a rollback or a switch runs
	// Guarded by reindex:
	gate       Gate   // judges each build before it is put in service; nil: none
	unfollowed string // the build CURRENT names that follow could not open
}

// New returns a Store over cfg.IndexDir with no build in service yet: Open or Load
// puts one in service.
func New(cfg Config, backend Backend, log *slog.Logger) (*Store, error) {
	if log == nil {
		log = slog.New(slog.DiscardHandler)
	}
	if err := os.MkdirAll(cfg.IndexDir, 0o755); err != nil {
		return nil, fmt.Errorf("create index directory: %w", err)
	}
	return &Store{cfg: cfg, backend: backend, log: log}, nil
}

// Open puts in service the build that index/CURRENT names, if there is one; it never
// builds. An unreadable build is logged and left out of service.
func (s *Store) Open() error {
	dir, err := currentBuild(s.cfg.IndexDir)
	if err != nil {
		s.log.Warn("ignoring unreadable index", "err", err)
		return nil
	}
	if dir == "" {
		return nil
	}
	st, err := loadBuild(dir, s.backend)
	if err != nil {
		s.log.Warn("ignoring unreadable index", "build", dir, "err", err)
		return nil
	}
	st.answers = newAnswerCache(s.cfg.AnswerCache)
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.closed {
		st.close()
		return ErrClosed
	}
	if old := s.st; old != nil {
		old.close()
	}
	s.st = st
	return nil
}

// Load makes the Store ready to answer: it opens the build in service and builds a
// new one when there is none or the content changed since it was built. If that
// build fails (bad content, failed checks) and an older build exists, the older build
// serves and the error is logged; with no build at all the error is returned.
// Content held (it failed before, or was rolled back from, and has not changed since)
// is not built again: the build in service answers, with one warning.
func (s *Store) Load(ctx context.Context) error {
	// The content's files are listed and stat'ed while the build opens: neither
	// needs the other, and each is a good part of starting up.
	type listed struct {
		files string
		err   error
	}
	files := make(chan listed, 1)
	go func() {
		f, err := filesFingerprint(s.cfg.ContentDir)
		files <- listed{f, err}
	}()
	if err := s.Open(); err != nil {
		<-files
		return err
	}
	l := <-files
	c, err := s.compare(l.files, l.err)
	if err != nil && !s.Status().Ready {
		return err
	}
	if !c.stale || c.held {
		s.mu.RLock()
		if s.st != nil {
			if c.held {
				s.warnHeld(c.hold, s.st)
			}
			s.startWarm(s.st)
		}
		s.mu.RUnlock()
		return nil
	}
	if _, err := s.Reindex(ctx); err != nil {
		if !s.Status().Ready {
			return err
		}
		s.log.Error("content changed but could not be indexed; serving the previous index", "err", err)
	}
	return nil
}

// warnHeld logs that the content is held and the build b answers meanwhile.
func (s *Store) warnHeld(h *hold, b *build) {
	msg := "the content failed to build or its checks failed, and has not changed since: answering from the last good build; " +
		"run `faqbot index` (or /reindex) to try it again"
	if h.Reason == heldRolledBack {
		msg = "the content was rolled back from and has not changed since: answering from the build rolled back to"
	}
	s.log.Warn(msg, "since", h.Since.Format(time.RFC3339), "problems", h.Problems, "build", filepath.Base(b.dir),
		"built", b.built.Format(time.RFC3339))
}

// Status says whether a build is in service and how big it is.
func (s *Store) Status() faq.Status {
	s.mu.RLock()
	defer s.mu.RUnlock()
	if s.st == nil || s.closed {
		return faq.Status{}
	}
	return faq.Status{Ready: true, Documents: len(s.st.lib.Documents), Passages: s.st.lib.Passages(), Built: s.st.built}
}

// Library returns the library of the build in service, without the passages'
// texts. It is shared: the caller must not change it.
func (s *Store) Library() (faq.Library, error) {
	st, err := s.acquire()
	if err != nil {
		return faq.Library{}, err
	}
	defer s.release()
	return st.lib, nil
}

// acquire returns the build in service, holding the read lock; call release after.
func (s *Store) acquire() (*build, error) {
	s.mu.RLock()
	switch {
	case s.closed:
		s.mu.RUnlock()
		return nil, ErrClosed
	case s.st == nil:
		s.mu.RUnlock()
		return nil, ErrNoIndex
	}
	return s.st, nil
}

func (s *Store) release() { s.mu.RUnlock() }

// Find ranks the passages of the build in service for question and returns up to n,
// each with its document; with VerdictAnswer the first carries its text.
func (s *Store) Find(ctx context.Context, question string, n int) (faq.Match, error) {
	st, err := s.acquire()
	if err != nil {
		return faq.Match{}, err
	}
	defer s.release()
	return st.find(ctx, question, n)
}

// Entry returns one passage of the build in service, with its document and text.
func (s *Store) Entry(passageID string) (faq.Entry, error) {
	st, err := s.acquire()
	if err != nil {
		return faq.Entry{}, err
	}
	defer s.release()
	loc, ok := st.passages[passageID]
	if !ok {
		return faq.Entry{}, fmt.Errorf("passage %q: %w", passageID, ErrNotFound)
	}
	return faq.Entry{Document: loc.doc, Passage: loc.p, Text: loc.text()}, nil
}

// Suggest returns up to n passages whose titles complete prefix (autocomplete).
func (s *Store) Suggest(ctx context.Context, prefix string, n int) ([]faq.Entry, error) {
	st, err := s.acquire()
	if err != nil {
		return nil, err
	}
	defer s.release()
	hits, err := st.ranker.Suggest(ctx, prefix, n)
	if err != nil {
		return nil, fmt.Errorf("suggest: %w", err)
	}
	return st.entries(hits), nil
}

// Explain writes how the ranker in service analyses question and scores its hits.
func (s *Store) Explain(ctx context.Context, w io.Writer, question string, n int) error {
	st, err := s.acquire()
	if err != nil {
		return err
	}
	defer s.release()
	return st.ranker.Explain(ctx, w, question, n)
}

// Close takes the build out of service and closes it. Lookups after Close get
// ErrClosed; a running reindex finishes first.
func (s *Store) Close() error {
	s.reindex.Lock()
	defer s.reindex.Unlock()
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.closed {
		return nil
	}
	s.closed = true
	if s.st != nil {
		return s.st.close()
	}
	return nil
}
