-- The question log. One file for SQLite and PostgreSQL: times are Unix
-- microseconds (BIGINT), flags 0 or 1 (INTEGER), so no statement differs. A later
-- migration that must differ is written as a Go migration (goose.NewGoMigration)
-- that branches on the dialect.

-- +goose Up
CREATE TABLE questions (
    at        BIGINT NOT NULL,
    transport TEXT NOT NULL,
    server    TEXT NOT NULL,
    kind      TEXT NOT NULL,
    code      TEXT NOT NULL,
    passage   TEXT NOT NULL,
    score     DOUBLE PRECISION NOT NULL,
    question  TEXT
);
CREATE INDEX questions_server_at ON questions (server, at);
CREATE INDEX questions_at ON questions (at);

CREATE TABLE votes (
    vote_key  TEXT PRIMARY KEY,
    at        BIGINT NOT NULL,
    transport TEXT NOT NULL,
    server    TEXT NOT NULL,
    passage   TEXT NOT NULL,
    helpful   INTEGER NOT NULL,
    question  TEXT,
    comment   TEXT
);
CREATE INDEX votes_server_at ON votes (server, at);
CREATE INDEX votes_at ON votes (at);

CREATE TABLE counts (
    day    TEXT NOT NULL,
    server TEXT NOT NULL,
    kind   TEXT NOT NULL,
    n      BIGINT NOT NULL,
    PRIMARY KEY (day, server, kind)
);

CREATE TABLE settings (
    name  TEXT PRIMARY KEY,
    value TEXT NOT NULL
);

-- +goose Down
DROP TABLE settings;
DROP TABLE counts;
DROP TABLE votes;
DROP TABLE questions;
