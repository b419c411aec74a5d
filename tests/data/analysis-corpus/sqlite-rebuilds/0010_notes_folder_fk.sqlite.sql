-- Jotter 2.2: notes.folder_id finally references folders. Older builds delete
-- folders without moving their notes first; that now fails.
-- expect: breaking add-foreign-key
DROP VIEW recent_notes;
CREATE TABLE notes_new (
    id         INTEGER PRIMARY KEY AUTOINCREMENT,
    folder_id  INTEGER REFERENCES folders (id),
    title      TEXT NOT NULL,
    body       TEXT,
    priority   INTEGER,
    created_at TEXT NOT NULL DEFAULT CURRENT_TIMESTAMP,
    updated_at TEXT DEFAULT CURRENT_TIMESTAMP,
    pinned     INTEGER
);
INSERT INTO notes_new (id, folder_id, title, body, priority, created_at, updated_at, pinned)
    SELECT id, folder_id, title, body, priority, created_at, updated_at, pinned FROM notes;
DROP TABLE notes;
ALTER TABLE notes_new RENAME TO notes;
CREATE INDEX notes_folder_id_idx ON notes (folder_id);
CREATE VIEW recent_notes AS
SELECT id, title, created_at FROM notes ORDER BY created_at DESC LIMIT 50;
