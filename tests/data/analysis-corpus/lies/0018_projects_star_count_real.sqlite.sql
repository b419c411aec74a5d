-- Crew 2.0: stars become an average rating. Mislabelled: INTEGER to REAL
-- changes the affinity, and older builds read 3.0 where they wrote 3.
-- backstep: backward-compatible
-- expect: breaking change-column-type
DROP VIEW active_projects;
CREATE TABLE projects_new (
    id          INTEGER PRIMARY KEY AUTOINCREMENT,
    member_id   INTEGER NOT NULL REFERENCES members (id),
    title       TEXT    NOT NULL,
    handle      TEXT    NOT NULL,
    visibility  TEXT    NOT NULL,
    star_count  REAL    NOT NULL DEFAULT 0,
    created_at  TEXT    NOT NULL DEFAULT CURRENT_TIMESTAMP,
    archived    BOOLEAN NOT NULL DEFAULT FALSE,
    owner_email TEXT    NOT NULL
);
INSERT INTO projects_new (id, member_id, title, handle, visibility, star_count, created_at, archived, owner_email)
    SELECT id, member_id, title, handle, visibility, star_count, created_at, archived, owner_email FROM projects;
DROP TABLE projects;
ALTER TABLE projects_new RENAME TO projects;
CREATE UNIQUE INDEX projects_handle_key ON projects (handle);
CREATE VIEW active_projects AS
SELECT id, member_id, title FROM projects WHERE NOT archived;
