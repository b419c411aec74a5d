-- Reverts 0025: drops the title search index.
DROP INDEX idx_recipes_title_lower;
