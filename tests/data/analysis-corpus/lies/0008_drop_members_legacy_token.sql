-- Crew 1.2: API tokens moved to their own table long ago. Mislabelled: build
-- 1.1 still selects legacy_token when it signs a member in.
-- backstep: backward-compatible
-- expect: breaking drop-column
ALTER TABLE members DROP COLUMN legacy_token;
