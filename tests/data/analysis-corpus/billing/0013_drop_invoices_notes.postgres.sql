-- Ledgerly 3.0: notes moved to the comments thread; the column goes.
-- expect: breaking drop-column
ALTER TABLE invoices DROP COLUMN notes;
