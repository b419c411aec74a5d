-- Crew 1.0: projects. Over-cautious: only a new table, but the author did not
-- declare it backward-compatible.
-- expect: compatible create-table
CREATE TABLE projects (
    id         INTEGER PRIMARY KEY AUTOINCREMENT,
    member_id  INTEGER      NOT NULL REFERENCES members (id),
    title      VARCHAR(120) NOT NULL,
    slug       TEXT         NOT NULL,
    visibility TEXT         NOT NULL DEFAULT 'private',
    star_count INTEGER      NOT NULL DEFAULT 0,
    created_at TEXT         NOT NULL DEFAULT CURRENT_TIMESTAMP
);
INSERT INTO projects (member_id, title, slug, star_count) VALUES
    (1, 'Roof repair', 'roof-repair', 3),
    (2, 'Garden', 'garden', 0);
