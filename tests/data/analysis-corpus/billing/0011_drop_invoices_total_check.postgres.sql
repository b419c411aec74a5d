-- Ledgerly 2.1: credit notes are invoices with negative totals after all; the
-- check goes. Older builds keep working.
-- backstep: backward-compatible
-- expect: caution drop-constraint
ALTER TABLE invoices DROP CONSTRAINT invoices_total_cents_check;
