-- Larder 1.1.0: faster loading of a recipe's ingredient list.
-- backstep: backward-compatible
CREATE INDEX idx_recipe_ingredients_recipe_id ON recipe_ingredients (recipe_id);
