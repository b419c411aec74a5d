-- Larder 2.0.0: comments on recipes by members of the household.
-- backstep: backward-compatible
CREATE TABLE recipe_comments (
    id         INTEGER PRIMARY KEY AUTOINCREMENT,
    recipe_id  INTEGER NOT NULL REFERENCES recipes (id) ON DELETE CASCADE,
    user_id    INTEGER REFERENCES users (id) ON DELETE SET NULL,
    body       TEXT    NOT NULL,
    created_at TEXT    NOT NULL DEFAULT CURRENT_TIMESTAMP
);
CREATE INDEX idx_recipe_comments_recipe_id ON recipe_comments (recipe_id, created_at);
