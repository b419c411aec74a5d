-- Tend 2.0: the priority check is called "tickets_priority_range" now. Build
-- 1.x matches the old name when it turns the constraint error into a message.
-- backstep: backward-compatible
-- expect: caution rename-constraint
ALTER TABLE tickets RENAME CONSTRAINT tickets_priority_check TO tickets_priority_range;
