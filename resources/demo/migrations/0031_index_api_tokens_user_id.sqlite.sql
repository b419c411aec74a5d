-- Larder 1.7.0: list a user's API tokens without a full scan.
-- backstep: backward-compatible
CREATE INDEX idx_api_tokens_user_id ON api_tokens (user_id);
