-- Crew 1.5: projects keep their owner's e-mail for notifications, filled from
-- members for existing rows. Mislabelled: a NOT NULL column without a default
-- that older builds' INSERTs leave out.
-- backstep: backward-compatible
-- expect: breaking add-not-null-column-without-default
DROP VIEW active_projects;
CREATE TABLE projects_new (
    id          INTEGER PRIMARY KEY AUTOINCREMENT,
    member_id   INTEGER NOT NULL REFERENCES members (id),
    title       TEXT    NOT NULL,
    handle      TEXT    NOT NULL,
    visibility  TEXT    NOT NULL,
    star_count  INTEGER NOT NULL DEFAULT 0,
    created_at  TEXT    NOT NULL DEFAULT CURRENT_TIMESTAMP,
    archived    BOOLEAN NOT NULL DEFAULT FALSE,
    owner_email TEXT    NOT NULL
);
INSERT INTO projects_new (id, member_id, title, handle, visibility, star_count, created_at, archived, owner_email)
    SELECT p.id, p.member_id, p.title, p.handle, p.visibility, p.star_count, p.created_at, p.archived, m.email
    FROM projects p JOIN members m ON m.id = p.member_id;
DROP TABLE projects;
ALTER TABLE projects_new RENAME TO projects;
CREATE UNIQUE INDEX projects_handle_key ON projects (handle);
CREATE VIEW active_projects AS
SELECT id, member_id, title FROM projects WHERE NOT archived;
