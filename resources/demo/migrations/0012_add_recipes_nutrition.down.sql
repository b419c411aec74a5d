-- Reverts 0012: drops recipes.nutrition again.
ALTER TABLE recipes DROP COLUMN nutrition;
