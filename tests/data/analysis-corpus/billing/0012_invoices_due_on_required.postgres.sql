-- Ledgerly 2.1: every invoice has a due date, 30 days after issue by default
-- in the application, not in the database. Added nullable, backfilled, then
-- made NOT NULL: the net effect is a NOT NULL column without a default, which
-- older builds' INSERTs violate.
-- expect: breaking add-not-null-column-without-default rewrite-rows
ALTER TABLE invoices ADD COLUMN due_on date;
UPDATE invoices SET due_on = coalesce(issued_on, created_at::date) + 30;
ALTER TABLE invoices ALTER COLUMN due_on SET NOT NULL;
