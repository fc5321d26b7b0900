// Package logdb keeps the question log in SQLite (a file in the data directory,
// through the pure-Go modernc.org/sqlite: nothing to install) or PostgreSQL
// (DATABASE_URL, through pgx: replicas share one log). The schema is embedded and
// migrated with goose when the database is opened; the same migrations serve both.
// A DB is a questionlog.Store, and what the moderators' reports read.
package logdb

import (
	"context"
	"crypto/rand"
	"database/sql"
	"embed"
	"encoding/hex"
	"errors"
	"fmt"
	"hash/crc32"
	"io/fs"
	"os"
	"path/filepath"
	"strings"

	_ "github.com/jackc/pgx/v5/stdlib" // registers "pgx"
	"github.com/pressly/goose/v3"
	"github.com/pressly/goose/v3/lock"
	_ "modernc.org/sqlite" // registers "sqlite"
)

//go:embed migrations/*.sql
var migrations embed.FS

// FileName is the SQLite database's file name in the data directory.
const FileName = "questionlog.db"

// versionTable is where goose records the migrations applied.
const versionTable = "faqbot_migrations"

// Config says which database holds the log.
type Config struct {
	// URL is a PostgreSQL URL, postgres://… or postgresql://… (DATABASE_URL);
	// empty: SQLite in Dir.
	URL string
	// Dir is the data directory (DATA_DIR) holding the SQLite file; it is created
	// when missing.
	Dir string
}

// Where names the database for messages, without a password.
func (c Config) Where() string {
	if c.URL == "" {
		return filepath.Join(c.Dir, FileName)
	}
	if i := strings.Index(c.URL, "@"); i >= 0 {
		if j := strings.Index(c.URL, "://"); j >= 0 && j < i {
			return c.URL[:j+3] + "…" + c.URL[i:]
		}
	}
	return c.URL
}

// DB is the question log's database.
type DB struct {
	db       *sql.DB
	postgres bool
}

// Open opens the database cfg names and brings its schema up to date. A failed
// migration is an error saying so: serving must not start on a schema it does not
// know.
func Open(ctx context.Context, cfg Config) (*DB, error) {
	d, err := open(cfg)
	if err != nil {
		return nil, err
	}
	if err := d.db.PingContext(ctx); err != nil {
		d.db.Close()
		return nil, fmt.Errorf("question log: connect to %s: %w", cfg.Where(), err)
	}
	if err := d.migrate(ctx); err != nil {
		d.db.Close()
		return nil, fmt.Errorf("question log: migrate the schema of %s: %w "+
			"(nothing was served; fix the database or restore the previous version)", cfg.Where(), err)
	}
	return d, nil
}

func open(cfg Config) (*DB, error) {
	switch {
	case strings.HasPrefix(cfg.URL, "postgres://"), strings.HasPrefix(cfg.URL, "postgresql://"):
		db, err := sql.Open("pgx", cfg.URL)
		if err != nil {
			return nil, fmt.Errorf("question log: DATABASE_URL: %w", err)
		}
		db.SetMaxOpenConns(8)
		return &DB{db: db, postgres: true}, nil
	case cfg.URL != "":
		return nil, fmt.Errorf("question log: DATABASE_URL=%q: want postgres://user:password@host/database, or leave it empty for SQLite in DATA_DIR", cfg.Where())
	}
	dir := cfg.Dir
	if dir == "" {
		dir = "."
	}
	if err := os.MkdirAll(dir, 0o750); err != nil {
		return nil, fmt.Errorf("question log: create the data directory: %w", err)
	}
	path := filepath.Join(dir, FileName)
	db, err := sql.Open("sqlite", "file:"+path+"?_pragma=busy_timeout(10000)&_pragma=journal_mode(WAL)&_pragma=synchronous(NORMAL)&_txlock=immediate")
	if err != nil {
		return nil, fmt.Errorf("question log: open %s: %w", path, err)
	}
	// One writer at a time is SQLite's way; readers wait for it only briefly (WAL).
	db.SetMaxOpenConns(4)
	return &DB{db: db}, nil
}

// migrate applies the embedded migrations not yet applied. On PostgreSQL an
// advisory lock keeps replicas starting together from migrating at once.
func (d *DB) migrate(ctx context.Context) error {
	fsys, err := fs.Sub(migrations, "migrations")
	if err != nil {
		return err
	}
	dialect := goose.DialectSQLite3
	opts := []goose.ProviderOption{goose.WithTableName(versionTable), goose.WithDisableGlobalRegistry(true)}
	if d.postgres {
		dialect = goose.DialectPostgres
		var schema string
		if err := d.db.QueryRowContext(ctx, "SELECT current_schema()").Scan(&schema); err != nil {
			return err
		}
		// One lock per schema, so that logs in separate schemas migrate independently.
		locker, err := lock.NewPostgresSessionLocker(lock.WithLockID(lock.DefaultLockID+int64(crc32.ChecksumIEEE([]byte(schema)))),
			lock.WithLockTimeout(1, 120))
		if err != nil {
			return err
		}
		opts = append(opts, goose.WithSessionLocker(locker))
	}
	p, err := goose.NewProvider(dialect, d.db, fsys, opts...)
	if err != nil {
		return err
	}
	_, err = p.Up(ctx)
	return err
}

// Close closes the database.
func (d *DB) Close() error { return d.db.Close() }

// secretName is the settings row holding the vote secret.
const secretName = "vote_secret"

// Secret returns the key of the vote hashes stored in the database, made at random
// the first time: replicas sharing the database agree on it without configuration.
func (d *DB) Secret(ctx context.Context) ([]byte, error) {
	b := make([]byte, 32)
	rand.Read(b)
	if _, err := d.db.ExecContext(ctx, "INSERT INTO settings (name, value) VALUES ($1, $2) ON CONFLICT (name) DO NOTHING",
		secretName, hex.EncodeToString(b)); err != nil {
		return nil, fmt.Errorf("question log: store the vote secret: %w", err)
	}
	var v string
	if err := d.db.QueryRowContext(ctx, "SELECT value FROM settings WHERE name = $1", secretName).Scan(&v); err != nil {
		return nil, fmt.Errorf("question log: read the vote secret: %w", err)
	}
	secret, err := hex.DecodeString(v)
	if err != nil || len(secret) == 0 {
		return nil, errors.New("question log: the stored vote secret is not hex: delete the settings row vote_secret to make a new one")
	}
	return secret, nil
}
