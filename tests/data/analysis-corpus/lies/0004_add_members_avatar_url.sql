-- Crew 1.1: an optional avatar. Over-cautious: a nullable column, not
-- declared backward-compatible.
-- expect: compatible add-nullable-column
ALTER TABLE members ADD COLUMN avatar_url TEXT;
