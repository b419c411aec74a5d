-- Tend 2.3: tickets pending since before the new workflow are closed; the
-- status trigger logs each change in ticket_events.
-- backstep: backward-compatible
-- expect: caution rewrite-rows
UPDATE tickets SET status = 'closed' WHERE status = 'pending';
