-- Trail 3.3: give back the space of the old payload column format. VACUUM
-- FULL rewrites the table and cannot run inside a transaction.
-- backstep: backward-compatible
-- backstep: no-transaction
-- expect: caution table-rewrite
VACUUM FULL events;
