-- Jotter 2.1: notes can be pinned. The rebuild creates the view and the index
-- again but forgets the title trigger, which older builds rely on to title
-- notes they insert with an empty title.
-- backstep: backward-compatible
-- expect: breaking add-nullable-column drop-trigger
DROP VIEW recent_notes;
CREATE TABLE notes_new (
    id         INTEGER PRIMARY KEY AUTOINCREMENT,
    folder_id  INTEGER,
    title      TEXT NOT NULL,
    body       TEXT,
    priority   INTEGER,
    created_at TEXT NOT NULL DEFAULT CURRENT_TIMESTAMP,
    updated_at TEXT DEFAULT CURRENT_TIMESTAMP,
    pinned     INTEGER
);
INSERT INTO notes_new (id, folder_id, title, body, priority, created_at, updated_at)
    SELECT id, folder_id, title, body, priority, created_at, updated_at FROM notes;
DROP TABLE notes;
ALTER TABLE notes_new RENAME TO notes;
CREATE INDEX notes_folder_id_idx ON notes (folder_id);
CREATE VIEW recent_notes AS
SELECT id, title, created_at FROM notes ORDER BY created_at DESC LIMIT 50;
