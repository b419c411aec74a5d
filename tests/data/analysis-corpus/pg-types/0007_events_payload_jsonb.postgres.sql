-- Trail 2.0: payloads become jsonb for indexing. Older builds read text and
-- bind text parameters.
-- expect: breaking change-column-type table-rewrite
ALTER TABLE events ALTER COLUMN payload TYPE jsonb USING payload::jsonb;
