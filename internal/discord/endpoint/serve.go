package endpoint

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"net"
	"net/http"
	"time"
)

// ShutdownGrace is how long in-flight requests get to finish once serving is cancelled.
const ShutdownGrace = 10 * time.Second

// Serve serves handler on ln until ctx is done, then shuts the server down gracefully.
// It returns nil after a shutdown caused by ctx and the server's error otherwise. It
// does not wait for deferred work: call Handler.Wait after it returns.
func Serve(ctx context.Context, ln net.Listener, handler http.Handler, log *slog.Logger) error {
	srv := &http.Server{
		Handler:           handler,
		ReadHeaderTimeout: 5 * time.Second,
		ReadTimeout:       10 * time.Second,
		WriteTimeout:      10 * time.Second,
		IdleTimeout:       2 * time.Minute,
		MaxHeaderBytes:    16 << 10,
		ErrorLog:          slog.NewLogLogger(log.Handler(), slog.LevelWarn),
	}
	errc := make(chan error, 1)
	go func() { errc <- srv.Serve(ln) }()
	log.Info("http: serving", "addr", ln.Addr().String())
	select {
	case err := <-errc:
		return fmt.Errorf("serve http on %s: %w", ln.Addr(), err)
	case <-ctx.Done():
	}
	sctx, cancel := context.WithTimeout(context.WithoutCancel(ctx), ShutdownGrace)
	defer cancel()
	if err := srv.Shutdown(sctx); err != nil {
		return fmt.Errorf("shut down http on %s: %w", ln.Addr(), err)
	}
	if err := <-errc; err != nil && !errors.Is(err, http.ErrServerClosed) {
		return fmt.Errorf("serve http on %s: %w", ln.Addr(), err)
	}
	log.Info("http: stopped", "addr", ln.Addr().String())
	return nil
}

// ListenAndServe listens on addr (HTTP_ADDR, e.g. ":8080") and calls Serve.
func ListenAndServe(ctx context.Context, addr string, handler http.Handler, log *slog.Logger) error {
	var lc net.ListenConfig
	ln, err := lc.Listen(ctx, "tcp", addr)
	if err != nil {
		return fmt.Errorf("listen on %s: %w", addr, err)
	}
	return Serve(ctx, ln, handler, log)
}

// Operations returns a handler serving only GET /healthz and GET /metrics, for running
// them on a separate address (METRICS_ADDR) from the public interactions endpoint.
func (h *Handler) Operations() http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		h.route(w, r, false, true)
	})
}

// Public returns a handler serving the interactions path and GET /healthz but not
// /metrics, for the public address when metrics are served by Operations elsewhere.
func (h *Handler) Public() http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		h.route(w, r, true, false)
	})
}
