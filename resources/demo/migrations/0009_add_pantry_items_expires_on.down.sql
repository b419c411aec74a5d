-- Reverts 0009: drops pantry_items.expires_on again.
ALTER TABLE pantry_items DROP COLUMN expires_on;
