-- Crew 1.1: projects can be archived. Over-cautious: a column with a default.
-- expect: compatible add-column-with-default
ALTER TABLE projects ADD COLUMN archived BOOLEAN NOT NULL DEFAULT FALSE;
