-- Jotter 2.2: folders of the same name may live in different places. Build
-- 2.1 creates folders with INSERT ... ON CONFLICT (name) DO NOTHING, which
-- needs the unique constraint.
-- expect: breaking drop-unique-constraint
CREATE TABLE folders_new (
    id   INTEGER PRIMARY KEY AUTOINCREMENT,
    name TEXT NOT NULL
);
INSERT INTO folders_new (id, name) SELECT id, name FROM folders;
DROP TABLE folders;
ALTER TABLE folders_new RENAME TO folders;
