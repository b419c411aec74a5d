-- Jotter 1.0 (a notes app on SQLite only): folders and notes, with indexes.
-- backstep: backward-compatible
-- expect: compatible create-table create-index
CREATE TABLE folders (
    id   INTEGER PRIMARY KEY AUTOINCREMENT,
    name TEXT NOT NULL UNIQUE
);
CREATE TABLE notes (
    id         INTEGER PRIMARY KEY AUTOINCREMENT,
    folder_id  INTEGER,
    title      TEXT NOT NULL,
    body       TEXT,
    priority   TEXT,
    category   TEXT,
    created_at TEXT NOT NULL DEFAULT CURRENT_TIMESTAMP
);
CREATE INDEX notes_category_idx ON notes (category);
CREATE INDEX notes_folder_id_idx ON notes (folder_id);
INSERT INTO folders (name) VALUES ('Inbox'), ('Work');
INSERT INTO notes (folder_id, title, body, priority, category) VALUES
    (1, 'Groceries', 'oat milk; lentils', '2', 'home'),
    (2, 'Standup', NULL, '1', 'work');
