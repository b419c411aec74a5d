-- Ledgerly 1.3: the application always sets the status itself now, so the
-- default goes. Builds before 1.3 leave status out of their INSERTs.
-- expect: breaking drop-column-default
ALTER TABLE invoices ALTER COLUMN status DROP DEFAULT;
