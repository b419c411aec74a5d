-- Tills 3.2: a partial index for the draft-entries screen, built
-- CONCURRENTLY outside a transaction.
-- backstep: backward-compatible, no-transaction
-- expect: compatible create-index
CREATE INDEX CONCURRENTLY entries_drafts_idx ON entries (account_id, booked_on) WHERE NOT posted;
