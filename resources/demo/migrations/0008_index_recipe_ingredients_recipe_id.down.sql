-- Reverts 0008: drops the index on recipe_ingredients.recipe_id.
DROP INDEX idx_recipe_ingredients_recipe_id;
