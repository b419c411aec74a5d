-- Larder 1.4.0: several photos per recipe, uploaded (stored here) or linked.
-- backstep: backward-compatible
CREATE TABLE recipe_photos (
    id         INTEGER PRIMARY KEY AUTOINCREMENT,
    recipe_id  INTEGER NOT NULL REFERENCES recipes (id) ON DELETE CASCADE,
    url        TEXT,
    image      BLOB,
    caption    TEXT,
    sort_order INTEGER NOT NULL DEFAULT 0,
    CHECK (url IS NOT NULL OR image IS NOT NULL)
);
CREATE INDEX idx_recipe_photos_recipe_id ON recipe_photos (recipe_id);
