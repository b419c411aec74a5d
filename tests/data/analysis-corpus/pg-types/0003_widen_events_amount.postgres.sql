-- Trail 1.1: amounts up to a trillion (numeric(10,2) to numeric(14,2): more
-- precision, same scale).
-- backstep: backward-compatible
-- expect: compatible widen-column-type
ALTER TABLE events ALTER COLUMN amount TYPE numeric(14,2);
