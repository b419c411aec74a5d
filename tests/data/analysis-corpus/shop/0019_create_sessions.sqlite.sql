-- Shop 3.0: server-side sessions instead of signed cookies.
-- backstep: backward-compatible
-- expect: compatible create-table create-index
CREATE TABLE sessions (
    token      TEXT    PRIMARY KEY,
    user_id    INTEGER NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    expires_at TEXT    NOT NULL
);
CREATE INDEX sessions_expires_at_idx ON sessions (expires_at);
INSERT INTO sessions (token, user_id, expires_at) VALUES
    ('s-old', 1, '2020-01-01 00:00:00'),
    ('s-new', 2, '2099-01-01 00:00:00');
