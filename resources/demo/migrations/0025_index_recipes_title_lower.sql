-- Larder 1.5.0: case-insensitive search of recipe titles.
-- backstep: backward-compatible
CREATE INDEX idx_recipes_title_lower ON recipes (lower(title));
