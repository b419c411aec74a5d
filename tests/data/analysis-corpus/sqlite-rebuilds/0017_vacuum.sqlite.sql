-- Jotter 3.1: give the space of the rebuilt tables back to the file system.
-- VACUUM rewrites the whole database under an exclusive lock and cannot run
-- inside a transaction.
-- backstep: backward-compatible, no-transaction
-- expect: caution table-rewrite
VACUUM;
