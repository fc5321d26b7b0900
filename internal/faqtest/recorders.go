package faqtest

import (
	"bytes"
	"sync"
	"testing"

	"github.com/faqbot/faqbot/internal/faq"
)

// Events is a faq.Observer keeping every event, safe for concurrent use.
type Events struct {
	mu  sync.Mutex
	all []faq.Event
}

// Observe keeps e.
func (r *Events) Observe(e faq.Event) {
	r.mu.Lock()
	defer r.mu.Unlock()
	r.all = append(r.all, e)
}

// All returns the events kept so far, oldest first.
func (r *Events) All() []faq.Event {
	r.mu.Lock()
	defer r.mu.Unlock()
	return append([]faq.Event(nil), r.all...)
}

// Last returns the latest event, failing the test when there is none.
func (r *Events) Last(t testing.TB) faq.Event {
	t.Helper()
	all := r.All()
	if len(all) == 0 {
		t.Fatal("no event")
	}
	return all[len(all)-1]
}

// SyncBuffer is a buffer safe for concurrent use: a log sink that servers' goroutines
// write to while a test reads it.
type SyncBuffer struct {
	mu sync.Mutex
	b  bytes.Buffer
}

// Write appends p.
func (s *SyncBuffer) Write(p []byte) (int, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.Write(p)
}

// String returns what was written so far.
func (s *SyncBuffer) String() string {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.String()
}
