-- Larder 2.1.0: browse recipes by label.
-- backstep: backward-compatible
CREATE INDEX idx_recipe_labels_tag ON recipe_labels (tag);
