-- Trail 3.3: order the events table physically by time for the range scans.
-- CLUSTER rewrites the table under an ACCESS EXCLUSIVE lock.
-- backstep: backward-compatible
-- expect: caution table-rewrite
CLUSTER events USING events_occurred_at_idx;
