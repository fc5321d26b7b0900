package serve

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"net"
	"net/http"
	"time"

	"github.com/prometheus/client_golang/prometheus"
	"github.com/prometheus/client_golang/prometheus/promhttp"

	"github.com/faqbot/faqbot/internal/faq"
)

// Paths of the operations endpoints.
const (
	PathHealth  = "/healthz"
	PathMetrics = "/metrics"
)

// ShutdownGrace is how long in-flight HTTP requests get to finish once serving is
// cancelled.
const ShutdownGrace = 10 * time.Second

// routes is every route faqbot serves over HTTP, each on the servers that carry it.
type routes struct {
	status       func() faq.Status
	metrics      http.Handler // nil: not served
	interactions http.Handler // nil: not served
	path         string       // where interactions are served
}

// mux returns a handler serving the operations endpoints, and the interactions
// endpoint when withInteractions and one is configured, and /metrics when withMetrics.
func (r routes) mux(withInteractions, withMetrics bool) http.Handler {
	m := http.NewServeMux()
	m.HandleFunc(PathHealth, r.health)
	if withMetrics && r.metrics != nil {
		m.Handle(PathMetrics, onlyGet(r.metrics))
	}
	if withInteractions && r.interactions != nil {
		m.Handle(r.path, r.interactions)
	}
	return m
}

// health answers 200 when the service is ready to answer questions and 503 until
// then, so a load balancer sends no traffic to a replica still loading its index.
func (r routes) health(w http.ResponseWriter, req *http.Request) {
	if req.Method != http.MethodGet && req.Method != http.MethodHead {
		w.Header().Set("Allow", "GET, HEAD")
		http.Error(w, "method not allowed", http.StatusMethodNotAllowed)
		return
	}
	w.Header().Set("Content-Type", "text/plain; charset=utf-8")
	if !r.status().Ready {
		w.WriteHeader(http.StatusServiceUnavailable)
		w.Write([]byte("index not loaded\n"))
		return
	}
	w.Write([]byte("ok\n"))
}

func onlyGet(h http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, req *http.Request) {
		if req.Method != http.MethodGet && req.Method != http.MethodHead {
			w.Header().Set("Allow", "GET, HEAD")
			http.Error(w, "method not allowed", http.StatusMethodNotAllowed)
			return
		}
		h.ServeHTTP(w, req)
	})
}

// metricsHandler serves reg's metrics.
func metricsHandler(reg *prometheus.Registry) http.Handler {
	return promhttp.HandlerFor(reg, promhttp.HandlerOpts{})
}

// listen returns ln when set, else a listener on addr.
func listen(ctx context.Context, ln net.Listener, addr string) (net.Listener, error) {
	if ln != nil {
		return ln, nil
	}
	var lc net.ListenConfig
	l, err := lc.Listen(ctx, "tcp", addr)
	if err != nil {
		return nil, fmt.Errorf("listen on %s: %w", addr, err)
	}
	return l, nil
}

// serveHTTP serves handler on ln until ctx is done, then shuts the server down
// gracefully. It returns nil after a shutdown caused by ctx and the server's error
// otherwise.
func serveHTTP(ctx context.Context, ln net.Listener, handler http.Handler, log *slog.Logger) error {
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
