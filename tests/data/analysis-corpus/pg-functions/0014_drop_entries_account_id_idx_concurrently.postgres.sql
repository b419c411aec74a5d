-- Tills 3.3: the account index had no reader left once the drafts screen
-- moved to the partial index; dropped CONCURRENTLY so reads and writes go on.
-- backstep: backward-compatible
-- backstep: no-transaction
-- expect: caution drop-index
DROP INDEX CONCURRENTLY entries_account_id_idx;
