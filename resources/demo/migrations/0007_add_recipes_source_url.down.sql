-- Reverts 0007: drops recipes.source_url again.
ALTER TABLE recipes DROP COLUMN source_url;
