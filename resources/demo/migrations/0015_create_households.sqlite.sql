-- Larder 1.3.0: households, so that a family shares one pantry and one
-- shopping list.
-- backstep: backward-compatible
CREATE TABLE households (
    id         INTEGER PRIMARY KEY AUTOINCREMENT,
    name       TEXT NOT NULL,
    created_at TEXT NOT NULL DEFAULT CURRENT_TIMESTAMP
);
