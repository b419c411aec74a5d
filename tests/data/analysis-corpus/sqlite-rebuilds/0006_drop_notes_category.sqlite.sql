-- Jotter 2.0: categories became folders. SQLite 3.35's DROP COLUMN refuses an
-- indexed column, so the index goes first.
-- expect: breaking drop-column drop-index
DROP INDEX notes_category_idx;
ALTER TABLE notes DROP COLUMN category;
