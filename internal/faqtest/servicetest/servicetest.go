// Package servicetest gives tests a real answering service over a real index built in
// a temporary directory: what the transports' end-to-end tests run against. Only
// tests import it.
package servicetest

import (
	"context"
	"path/filepath"
	"testing"

	"github.com/faqbot/faqbot/internal/answer"
	"github.com/faqbot/faqbot/internal/faq"
	"github.com/faqbot/faqbot/internal/faqtest"
	"github.com/faqbot/faqbot/internal/index"
	"github.com/faqbot/faqbot/internal/serve"
)

// Open returns the answering service with cfg over an index of the content in
// contentDir, built in a temporary directory and closed when the test ends, and the
// index's Store. obs may be nil.
func Open(t testing.TB, contentDir string, cfg answer.Config, obs faq.Observer) (*answer.Service, *index.Store) {
	t.Helper()
	store := Store(t, contentDir, t.TempDir())
	return answer.New(cfg, store, obs, nil), store
}

// Store returns a Store over the content in contentDir with its builds in dir, with a
// build in service, closed when the test ends. Its builds skip the must-answer
// checks.
func Store(t testing.TB, contentDir, dir string) *index.Store {
	t.Helper()
	return store(t, index.Config{ContentDir: contentDir, IndexDir: filepath.Join(dir, "index")})
}

// Searching is Store without the answer cache: every question is searched, as a
// benchmark of answering needs.
func Searching(t testing.TB, contentDir, dir string) *index.Store {
	t.Helper()
	return store(t, index.Config{ContentDir: contentDir, IndexDir: filepath.Join(dir, "index"), AnswerCache: -1})
}

func store(t testing.TB, cfg index.Config) *index.Store {
	t.Helper()
	contentDir := cfg.ContentDir
	// The fixtures are for answering: MedQuAD, for one, does not pass its checks.
	svc, err := serve.NewService(serve.Config{Index: cfg, SkipChecks: true}, nil, nil)
	if err != nil {
		t.Fatal(err)
	}
	store := svc.Store
	if err := store.Load(context.Background()); err != nil {
		t.Fatalf("load the index of %s: %v", contentDir, err)
	}
	t.Cleanup(func() { store.Close() })
	return store
}

// Seed returns the answering service over the shipped content, without a cooldown.
func Seed(t testing.TB) *answer.Service {
	t.Helper()
	s, _ := Open(t, faqtest.RepoContent, answer.Config{Cooldown: -1}, nil)
	return s
}
