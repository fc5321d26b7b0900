package logdb_test

import (
	"context"
	"testing"

	"github.com/faqbot/faqbot/internal/faqtest/logtest"
	"github.com/faqbot/faqbot/internal/questionlog/logdb"
)

// TestAutoReply: auto-replies are on until switched off, per server; the switch
// survives a restart (a new opener: another replica, or the next run) and switches
// back on.
func TestAutoReply(t *testing.T) {
	ctx := context.Background()
	check := func(t *testing.T, open func() *logdb.DB) {
		a := open()
		want := func(db *logdb.DB, server string, on bool) {
			t.Helper()
			if got, err := db.AutoReply(ctx, server); err != nil || got != on {
				t.Errorf("AutoReply(%s) = %v, %v; want %v", server, got, err, on)
			}
		}
		want(a, "g1", true)
		if err := a.SetAutoReply(ctx, "g1", false); err != nil {
			t.Fatal(err)
		}
		if err := a.SetAutoReply(ctx, "g1", false); err != nil { // again: no conflict
			t.Fatal(err)
		}
		want(a, "g1", false)
		want(a, "g2", true)
		if err := a.Close(); err != nil {
			t.Fatal(err)
		}
		b := open()
		want(b, "g1", false)
		if err := b.SetAutoReply(ctx, "g1", true); err != nil {
			t.Fatal(err)
		}
		want(b, "g1", true)
	}
	t.Run("sqlite", func(t *testing.T) {
		dir := t.TempDir()
		check(t, func() *logdb.DB { return logtest.Open(t, logdb.Config{Dir: dir}) })
	})
	t.Run("postgres", func(t *testing.T) {
		url := logtest.PostgresURL(t)
		check(t, func() *logdb.DB { return logtest.Open(t, logdb.Config{URL: url}) })
	})
}
