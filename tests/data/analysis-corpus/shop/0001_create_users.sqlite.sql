-- Shop 1.0: customer accounts, with the two demo accounts a fresh install ships.
-- backstep: backward-compatible
-- expect: compatible create-table
CREATE TABLE users (
    id           INTEGER PRIMARY KEY AUTOINCREMENT,
    email        TEXT    NOT NULL UNIQUE,
    display_name TEXT,
    created_at   TEXT    NOT NULL DEFAULT CURRENT_TIMESTAMP
);
INSERT INTO users (email, display_name) VALUES
    ('ana@example.org', 'Ana'),
    ('ben@example.org', 'Ben');
