-- Reverts 0031: drops the index on api_tokens.user_id.
DROP INDEX idx_api_tokens_user_id;
