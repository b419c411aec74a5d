-- Ledgerly 2.0: invoice numbers are plain sequential integers.
-- expect: breaking change-column-type table-rewrite
ALTER TABLE invoices ALTER COLUMN number TYPE integer USING number::integer;
