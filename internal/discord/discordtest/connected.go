package discordtest

import (
	"context"
	"fmt"
)

// Connected waits until a bot has identified (or resumed) on the gateway, so that
// Dispatch reaches it: a bot that has registered its commands may not be there yet
// from the fake's side.
func (s *Server) Connected(ctx context.Context) error {
	r := s.log
	for {
		r.mu.Lock()
		for _, req := range r.reqs {
			if req.Method == "WS" && req.Status == 101 {
				r.mu.Unlock()
				return nil
			}
		}
		changed := r.changed
		r.mu.Unlock()
		select {
		case <-changed:
		case <-ctx.Done():
			return fmt.Errorf("waiting for the bot on the gateway: %w", ctx.Err())
		}
	}
}
