-- Reverts 0024: recipes.yield_servings is called servings again.
ALTER TABLE recipes RENAME COLUMN yield_servings TO servings;
