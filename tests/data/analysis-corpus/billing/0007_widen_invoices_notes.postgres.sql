-- Ledgerly 1.3: notes may be longer than 200 characters (varchar(200) to
-- text: same family, wider, no table rewrite).
-- backstep: backward-compatible
-- expect: compatible widen-column-type
ALTER TABLE invoices ALTER COLUMN notes TYPE text;
