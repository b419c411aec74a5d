-- Crew 1.4: the visibility default moves into the application. Mislabelled:
-- older builds insert projects without a visibility.
-- backstep: backward-compatible
-- expect: breaking drop-column-default
ALTER TABLE projects ALTER COLUMN visibility DROP DEFAULT;
