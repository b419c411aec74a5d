-- Larder 1.0.0: free-form tags on recipes ("vegetarian", "weeknight").
-- backstep: backward-compatible
CREATE TABLE recipe_tags (
    recipe_id INTEGER NOT NULL REFERENCES recipes (id) ON DELETE CASCADE,
    tag       TEXT    NOT NULL,
    PRIMARY KEY (recipe_id, tag)
);
