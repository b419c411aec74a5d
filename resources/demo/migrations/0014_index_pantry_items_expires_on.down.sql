-- Reverts 0014: drops the best-before index.
DROP INDEX idx_pantry_items_expires_on;
