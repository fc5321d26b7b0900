// Package logtest gives tests question log databases: SQLite in a temporary
// directory always, and PostgreSQL when FAQBOT_TEST_DATABASE_URL names a server,
// each test in a schema of its own so that packages tested in parallel never meet.
// Only tests import it.
package logtest

import (
	"context"
	"crypto/rand"
	"database/sql"
	"encoding/hex"
	"net/url"
	"os"
	"testing"

	"github.com/faqbot/faqbot/internal/questionlog/logdb"
)

// EnvDatabaseURL names the PostgreSQL server tests may use, e.g.
// postgres://postgres@127.0.0.1:5432/test?sslmode=disable. Unset: those tests skip.
const EnvDatabaseURL = "FAQBOT_TEST_DATABASE_URL"

// Open opens the database cfg names, closed when the test ends.
func Open(t testing.TB, cfg logdb.Config) *logdb.DB {
	t.Helper()
	db, err := logdb.Open(context.Background(), cfg)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { db.Close() })
	return db
}

// SQLite returns a new SQLite log in a temporary directory.
func SQLite(t testing.TB) *logdb.DB {
	t.Helper()
	return Open(t, logdb.Config{Dir: t.TempDir()})
}

// PostgresURL returns the URL of a new, empty schema of the test server, dropped
// when the test ends; it skips the test when there is no server.
func PostgresURL(t testing.TB) string {
	t.Helper()
	base := os.Getenv(EnvDatabaseURL)
	if base == "" {
		t.Skipf("%s is not set: no PostgreSQL to test against", EnvDatabaseURL)
	}
	u, err := url.Parse(base)
	if err != nil {
		t.Fatalf("%s: %v", EnvDatabaseURL, err)
	}
	b := make([]byte, 6)
	rand.Read(b)
	schema := "faqbot_test_" + hex.EncodeToString(b)
	admin, err := sql.Open("pgx", base)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { admin.Close() })
	if _, err := admin.Exec("CREATE SCHEMA " + schema); err != nil {
		t.Fatalf("create schema on %s: %v", EnvDatabaseURL, err)
	}
	t.Cleanup(func() {
		if _, err := admin.Exec("DROP SCHEMA " + schema + " CASCADE"); err != nil {
			t.Errorf("drop schema %s: %v", schema, err)
		}
	})
	q := u.Query()
	q.Set("search_path", schema)
	u.RawQuery = q.Encode()
	return u.String()
}

// Postgres returns a new PostgreSQL log in a schema of its own, or skips.
func Postgres(t testing.TB) *logdb.DB {
	t.Helper()
	return Open(t, logdb.Config{URL: PostgresURL(t)})
}

// Each runs f as a subtest against SQLite, and against PostgreSQL when there is one.
func Each(t *testing.T, f func(t *testing.T, db *logdb.DB)) {
	t.Run("sqlite", func(t *testing.T) { f(t, SQLite(t)) })
	t.Run("postgres", func(t *testing.T) { f(t, Postgres(t)) })
}
