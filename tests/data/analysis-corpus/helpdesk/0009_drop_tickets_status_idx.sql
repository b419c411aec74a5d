-- Tend 1.4: the queue views filter by assignee first now; the status index
-- was never used by the planner.
-- backstep: backward-compatible
-- expect: caution drop-index
DROP INDEX tickets_status_idx;
