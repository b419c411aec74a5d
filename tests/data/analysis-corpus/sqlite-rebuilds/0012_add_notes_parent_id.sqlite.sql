-- Jotter 2.3: notes can nest. The new column is nullable and references
-- notes; older builds leave it NULL, which the key accepts.
-- backstep: backward-compatible
-- expect: compatible add-nullable-column
ALTER TABLE notes ADD COLUMN parent_id INTEGER REFERENCES notes (id);
