-- Jotter 2.0: priorities are numbers. TEXT to INTEGER changes the affinity:
-- older builds bind and read '1' where the column now holds 1.
-- expect: breaking change-column-type
DROP VIEW recent_notes;
CREATE TABLE notes_new (
    id         INTEGER PRIMARY KEY AUTOINCREMENT,
    folder_id  INTEGER,
    title      TEXT NOT NULL,
    body       TEXT,
    priority   INTEGER,
    category   TEXT,
    created_at TEXT NOT NULL DEFAULT CURRENT_TIMESTAMP,
    updated_at TEXT DEFAULT CURRENT_TIMESTAMP
);
INSERT INTO notes_new (id, folder_id, title, body, priority, category, created_at, updated_at)
    SELECT id, folder_id, title, body, CAST(priority AS INTEGER), category, created_at, updated_at FROM notes;
DROP TABLE notes;
ALTER TABLE notes_new RENAME TO notes;
CREATE INDEX notes_category_idx ON notes (category);
CREATE INDEX notes_folder_id_idx ON notes (folder_id);
CREATE TRIGGER notes_default_title
AFTER INSERT ON notes
FOR EACH ROW
WHEN NEW.title = ''
BEGIN
    UPDATE notes
       SET title = CASE WHEN NEW.body IS NULL THEN 'Untitled; empty'
                        ELSE substr(NEW.body, 1, 40) END
     WHERE id = NEW.id;
END;
CREATE VIEW recent_notes AS
SELECT id, title, created_at FROM notes ORDER BY created_at DESC LIMIT 50;
