-- Shop 2.0: the old article numbers are no longer shown anywhere.
-- expect: breaking drop-column
ALTER TABLE products DROP COLUMN legacy_code;
