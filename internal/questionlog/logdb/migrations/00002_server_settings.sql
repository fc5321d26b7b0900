-- Each server's settings that moderators change from Discord and that replicas
-- share: for now whether new posts in the help channels get auto-replies
-- (/faq-admin autoreply). A server without a row has the defaults (auto-replies on).

-- +goose Up
CREATE TABLE server_settings (
    server    TEXT PRIMARY KEY,
    autoreply INTEGER NOT NULL
);

-- +goose Down
DROP TABLE server_settings;
