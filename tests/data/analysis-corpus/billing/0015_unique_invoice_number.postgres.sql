-- Ledgerly 3.2: invoice numbers are unique. Builds before 3.2 could assign the
-- same number twice under concurrent drafts; those inserts now fail.
-- expect: breaking add-unique-constraint
ALTER TABLE invoices ADD CONSTRAINT invoices_number_key UNIQUE (number);
