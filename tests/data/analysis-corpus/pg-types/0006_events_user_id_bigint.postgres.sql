-- Trail 2.0: user ids outgrow int4. integer to bigint changes the wire type
-- that strictly typed older builds decode, and rewrites the table.
-- expect: breaking change-column-type table-rewrite
ALTER TABLE events ALTER COLUMN user_id TYPE bigint;
