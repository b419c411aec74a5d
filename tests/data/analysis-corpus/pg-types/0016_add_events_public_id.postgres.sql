-- Trail 3.1: a public id for each event. The default is volatile
-- (gen_random_uuid), so PostgreSQL rewrites the whole table to fill it.
-- backstep: backward-compatible
-- expect: caution add-column-with-default table-rewrite
ALTER TABLE events ADD COLUMN public_id uuid NOT NULL DEFAULT gen_random_uuid();
