-- Crew 1.3: handles are unique. Mislabelled: older builds do not check for
-- duplicates before they insert.
-- backstep: backward-compatible
-- expect sqlite: breaking add-unique-constraint
-- expect postgres: breaking add-unique-constraint create-index-blocking
CREATE UNIQUE INDEX projects_handle_key ON projects (handle);
