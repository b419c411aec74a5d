-- Shop 1.2: product search by name prefix, built without blocking writes
-- (CONCURRENTLY cannot run inside a transaction).
-- backstep: backward-compatible
-- backstep: no-transaction
-- expect: compatible create-index
CREATE INDEX CONCURRENTLY IF NOT EXISTS products_name_idx ON products (name);
