-- Trail 1.2: no length limit on event kinds at all (varchar(100) to text).
-- backstep: backward-compatible
-- expect: compatible widen-column-type
ALTER TABLE events ALTER COLUMN kind TYPE text;
