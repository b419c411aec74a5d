-- Trail 1.1: event kinds may be up to 100 characters (varchar(50) to
-- varchar(100): wider, same family, no rewrite).
-- backstep: backward-compatible
-- expect: compatible widen-column-type
ALTER TABLE events ALTER COLUMN kind TYPE varchar(100);
