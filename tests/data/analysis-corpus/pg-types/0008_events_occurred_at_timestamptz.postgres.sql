-- Trail 2.0: occurred_at becomes timestamptz, read as UTC for the old values.
-- Older builds decode timestamp without a time zone.
-- expect: breaking change-column-type table-rewrite
ALTER TABLE events ALTER COLUMN occurred_at TYPE timestamptz USING occurred_at AT TIME ZONE 'UTC';
