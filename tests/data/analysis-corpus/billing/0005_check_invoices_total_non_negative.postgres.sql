-- Ledgerly 1.2: totals are never negative (credit notes are their own kind).
-- Builds before 1.2 wrote negative totals for credits.
-- expect: breaking add-check-constraint
ALTER TABLE invoices ADD CONSTRAINT invoices_total_cents_check CHECK (total_cents >= 0);
