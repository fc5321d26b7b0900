package logdb

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
)

// AutoReply reports whether new posts in the help channels of server get
// auto-replies: yes unless a moderator switched them off (/faq-admin autoreply).
func (d *DB) AutoReply(ctx context.Context, server string) (bool, error) {
	var on int
	err := d.db.QueryRowContext(ctx, "SELECT autoreply FROM server_settings WHERE server = $1", server).Scan(&on)
	switch {
	case errors.Is(err, sql.ErrNoRows):
		return true, nil
	case err != nil:
		return false, fmt.Errorf("question log: read the auto-reply switch: %w", err)
	}
	return on != 0, nil
}

// SetAutoReply switches the auto-replies of server on or off.
func (d *DB) SetAutoReply(ctx context.Context, server string, on bool) error {
	v := 0
	if on {
		v = 1
	}
	if _, err := d.db.ExecContext(ctx, "INSERT INTO server_settings (server, autoreply) VALUES ($1, $2) "+
		"ON CONFLICT (server) DO UPDATE SET autoreply = excluded.autoreply", server, v); err != nil {
		return fmt.Errorf("question log: switch auto-replies: %w", err)
	}
	return nil
}
