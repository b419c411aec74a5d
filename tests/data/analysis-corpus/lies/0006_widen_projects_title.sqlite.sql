-- Crew 1.1: longer project titles. Over-cautious: VARCHAR(120) to TEXT keeps
-- the TEXT affinity and every value.
-- expect: compatible widen-column-type
CREATE TABLE projects_new (
    id         INTEGER PRIMARY KEY AUTOINCREMENT,
    member_id  INTEGER NOT NULL REFERENCES members (id),
    title      TEXT    NOT NULL,
    slug       TEXT    NOT NULL,
    visibility TEXT    NOT NULL DEFAULT 'private',
    star_count INTEGER NOT NULL DEFAULT 0,
    created_at TEXT    NOT NULL DEFAULT CURRENT_TIMESTAMP,
    archived   BOOLEAN NOT NULL DEFAULT FALSE
);
INSERT INTO projects_new (id, member_id, title, slug, visibility, star_count, created_at, archived)
    SELECT id, member_id, title, slug, visibility, star_count, created_at, archived FROM projects;
DROP TABLE projects;
ALTER TABLE projects_new RENAME TO projects;
