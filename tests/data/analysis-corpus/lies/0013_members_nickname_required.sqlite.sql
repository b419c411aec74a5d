-- Crew 1.4: every member has a nickname. Mislabelled: older builds create
-- members without one. members is referenced by projects, so the rebuild
-- turns foreign keys off around its own transaction.
-- backstep: backward-compatible, no-transaction
-- expect: breaking set-not-null
PRAGMA foreign_keys = OFF;
BEGIN;
CREATE TABLE members_new (
    id         INTEGER PRIMARY KEY AUTOINCREMENT,
    email      TEXT NOT NULL,
    name       TEXT,
    nickname   TEXT NOT NULL,
    created_at TEXT NOT NULL DEFAULT CURRENT_TIMESTAMP,
    avatar_url TEXT
);
INSERT INTO members_new (id, email, name, nickname, created_at, avatar_url)
    SELECT id, email, name, nickname, created_at, avatar_url FROM members;
DROP TABLE members;
ALTER TABLE members_new RENAME TO members;
PRAGMA foreign_key_check;
COMMIT;
PRAGMA foreign_keys = ON;
