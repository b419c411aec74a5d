-- Larder 2.0.0: tags are now called labels throughout the app, and the table
-- is renamed to match. Builds before 2.0.0 still query recipe_tags.
ALTER TABLE recipe_tags RENAME TO recipe_labels;
