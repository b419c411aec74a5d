-- Ledgerly 1.2: drafts get their number when they are created, so the number
-- becomes mandatory. Builds before 1.2 still insert drafts without one.
-- expect: breaking set-not-null
ALTER TABLE invoices ALTER COLUMN number SET NOT NULL;
