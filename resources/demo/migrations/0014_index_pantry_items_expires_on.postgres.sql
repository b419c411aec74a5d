-- Larder 1.2.0: the "use soon" list sorts the pantry by best-before date.
-- Built CONCURRENTLY so a busy pantry stays writable meanwhile, which cannot
-- run inside a transaction.
-- backstep: backward-compatible
-- backstep: no-transaction
CREATE INDEX CONCURRENTLY idx_pantry_items_expires_on ON pantry_items (expires_on);
