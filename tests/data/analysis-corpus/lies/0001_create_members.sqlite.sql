-- Crew 1.0 (a project board): members. Honest: a new table, declared so.
-- backstep: backward-compatible
-- expect: compatible create-table
CREATE TABLE members (
    id           INTEGER PRIMARY KEY AUTOINCREMENT,
    email        TEXT NOT NULL,
    name         TEXT,
    nickname     TEXT,
    legacy_token TEXT,
    created_at   TEXT NOT NULL DEFAULT CURRENT_TIMESTAMP
);
INSERT INTO members (email, name, nickname, legacy_token) VALUES
    ('ida@crew.example', 'Ida', 'ida', 't-1'),
    ('max@crew.example', NULL, 'max', NULL);
