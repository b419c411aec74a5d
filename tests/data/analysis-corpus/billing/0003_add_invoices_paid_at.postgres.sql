-- Ledgerly 1.1: record when an invoice was paid.
-- backstep: backward-compatible
-- expect: compatible add-nullable-column
ALTER TABLE invoices ADD COLUMN paid_at timestamptz;
