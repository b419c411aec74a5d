-- Ledgerly 4.0: numbering restarts every year, so numbers repeat. Build 3.2
-- upserts with ON CONFLICT (number), which now has no unique index to match.
-- expect: breaking drop-unique-constraint
ALTER TABLE invoices DROP CONSTRAINT invoices_number_key;
