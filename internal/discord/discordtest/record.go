package discordtest

import (
	"context"
	"fmt"
	"strings"
	"sync"
)

// recorder keeps every request and wakes up waiters when one arrives.
type recorder struct {
	mu      sync.Mutex
	reqs    []Request
	taken   []bool
	changed chan struct{} // closed and replaced whenever a request is added
}

func newRecorder() *recorder { return &recorder{changed: make(chan struct{})} }

func (r *recorder) add(req Request) {
	r.mu.Lock()
	r.reqs = append(r.reqs, req)
	r.taken = append(r.taken, false)
	close(r.changed)
	r.changed = make(chan struct{})
	r.mu.Unlock()
}

// Match selects requests.
type Match func(Request) bool

// Route matches requests by method and path prefix ("" matches any method).
func Route(method, prefix string) Match {
	return func(r Request) bool {
		return (method == "" || r.Method == method) && strings.HasPrefix(r.Path, prefix)
	}
}

// Callback matches the response to interaction id.
func Callback(id string) Match { return Route("POST", "/interactions/"+id+"/") }

// Edit matches edits of the original response to the interaction with token token.
func Edit(token string) Match {
	return Route("PATCH", "/webhooks/"+AppID+"/"+token+"/messages/@original")
}

// Identified matches a gateway IDENTIFY; Resumed a gateway RESUME.
var (
	Identified = Route("WS", "identify")
	Resumed    = Route("WS", "resume")
)

// Await returns the first request, in arrival order, that matches and has not been
// returned by Await before, waiting for it until ctx is done.
func (s *Server) Await(ctx context.Context, match Match) (Request, error) {
	r := s.log
	for {
		r.mu.Lock()
		for i, req := range r.reqs {
			if !r.taken[i] && match(req) {
				r.taken[i] = true
				r.mu.Unlock()
				return req, nil
			}
		}
		changed := r.changed
		r.mu.Unlock()
		select {
		case <-changed:
		case <-ctx.Done():
			return Request{}, fmt.Errorf("waiting for a request: %w (received: %s)", ctx.Err(), s.summary())
		}
	}
}

// Requests returns every request recorded so far.
func (s *Server) Requests() []Request {
	s.log.mu.Lock()
	defer s.log.mu.Unlock()
	return append([]Request(nil), s.log.reqs...)
}

func (s *Server) summary() string {
	var b strings.Builder
	for _, r := range s.Requests() {
		fmt.Fprintf(&b, "%s %s -> %d; ", r.Method, r.Path, r.Status)
	}
	return b.String()
}
