-- Crew 1.3: "slug" is "handle" in the new URL scheme. Mislabelled: a rename
-- is never backward-compatible.
-- backstep: backward-compatible
-- expect: breaking rename-column
ALTER TABLE projects RENAME COLUMN slug TO handle;
