-- Crew 1.4: the visibility default moves into the application. Mislabelled:
-- older builds insert projects without a visibility. The rebuild drops and
-- creates the view and the unique index again, which changes neither.
-- backstep: backward-compatible
-- expect: breaking drop-column-default
DROP VIEW active_projects;
CREATE TABLE projects_new (
    id         INTEGER PRIMARY KEY AUTOINCREMENT,
    member_id  INTEGER NOT NULL REFERENCES members (id),
    title      TEXT    NOT NULL,
    handle     TEXT    NOT NULL,
    visibility TEXT    NOT NULL,
    star_count INTEGER NOT NULL DEFAULT 0,
    created_at TEXT    NOT NULL DEFAULT CURRENT_TIMESTAMP,
    archived   BOOLEAN NOT NULL DEFAULT FALSE
);
INSERT INTO projects_new (id, member_id, title, handle, visibility, star_count, created_at, archived)
    SELECT id, member_id, title, handle, visibility, star_count, created_at, archived FROM projects;
DROP TABLE projects;
ALTER TABLE projects_new RENAME TO projects;
CREATE UNIQUE INDEX projects_handle_key ON projects (handle);
CREATE VIEW active_projects AS
SELECT id, member_id, title FROM projects WHERE NOT archived;
