-- Ledgerly 1.4: totals in cents may exceed 2^31. integer to bigint changes the
-- wire type older builds decode (int4 to int8) and rewrites the table.
-- expect: breaking change-column-type table-rewrite
ALTER TABLE invoices ALTER COLUMN total_cents TYPE bigint;
