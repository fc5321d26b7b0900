package endpoint_test

import (
	"context"
	"net"
	"net/http"
	"testing"
	"time"

	"github.com/faqbot/faqbot/internal/discord/endpoint"
)

func TestServeStopsWithContext(t *testing.T) {
	f := newFixture(t)
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan error, 1)
	go func() { done <- endpoint.Serve(ctx, ln, f.h, discardLogger()) }()

	resp, err := http.Get("http://" + ln.Addr().String() + endpoint.PathHealth)
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	if resp.StatusCode != http.StatusOK {
		t.Fatalf("healthz through Serve = %d", resp.StatusCode)
	}
	cancel()
	select {
	case err := <-done:
		if err != nil {
			t.Errorf("Serve after cancel = %v; want nil", err)
		}
	case <-time.After(endpoint.ShutdownGrace + 5*time.Second):
		t.Fatal("Serve did not return after its context was cancelled")
	}
	if _, err := http.Get("http://" + ln.Addr().String() + endpoint.PathHealth); err == nil {
		t.Error("server still answering after shutdown")
	}
}

func TestListenAndServeBadAddress(t *testing.T) {
	err := endpoint.ListenAndServe(context.Background(), "256.0.0.1:99999", http.NotFoundHandler(), discardLogger())
	if err == nil {
		t.Fatal("ListenAndServe on a bad address: no error")
	}
}
