-- Larder 2.0.0: a preparation note on an ingredient line ("finely chopped").
-- backstep: backward-compatible
ALTER TABLE recipe_ingredients ADD COLUMN note TEXT;
