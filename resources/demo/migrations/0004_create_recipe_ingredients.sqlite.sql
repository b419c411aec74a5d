-- Larder 1.0.0: the ingredient lines of a recipe, in order.
-- backstep: backward-compatible
CREATE TABLE recipe_ingredients (
    id         INTEGER PRIMARY KEY AUTOINCREMENT,
    recipe_id  INTEGER NOT NULL REFERENCES recipes (id) ON DELETE CASCADE,
    sort_order INTEGER NOT NULL,
    name       TEXT    NOT NULL,
    quantity   INTEGER,
    unit       TEXT
);
