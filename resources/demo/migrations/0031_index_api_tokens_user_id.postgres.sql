-- Larder 1.7.0: list a user's API tokens without a full scan. Built
-- CONCURRENTLY so that token checks are not blocked, which cannot run inside
-- a transaction.
-- backstep: backward-compatible
-- backstep: no-transaction
CREATE INDEX CONCURRENTLY idx_api_tokens_user_id ON api_tokens (user_id);
