-- Larder 1.5.0: recipes.servings is renamed yield_servings, the name the
-- schema.org recipe importer uses.
-- backstep: backward-compatible
ALTER TABLE recipes RENAME COLUMN servings TO yield_servings;
