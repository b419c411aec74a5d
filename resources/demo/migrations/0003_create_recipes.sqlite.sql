-- Larder 1.0.0: recipes, with one optional photo link each.
-- backstep: backward-compatible
CREATE TABLE recipes (
    id          INTEGER PRIMARY KEY AUTOINCREMENT,
    title       TEXT    NOT NULL,
    description TEXT,
    servings    INTEGER,
    photo_url   TEXT,
    created_by  INTEGER REFERENCES users (id) ON DELETE SET NULL,
    created_at  TEXT    NOT NULL DEFAULT CURRENT_TIMESTAMP,
    updated_at  TEXT
);
