-- Larder 1.3.0: shopping lists and their items, shared within a household.
-- backstep: backward-compatible
CREATE TABLE shopping_lists (
    id           INTEGER PRIMARY KEY AUTOINCREMENT,
    household_id INTEGER REFERENCES households (id) ON DELETE CASCADE,
    name         TEXT    NOT NULL,
    created_at   TEXT    NOT NULL DEFAULT CURRENT_TIMESTAMP
);
CREATE TABLE shopping_list_items (
    id         INTEGER PRIMARY KEY AUTOINCREMENT,
    list_id    INTEGER NOT NULL REFERENCES shopping_lists (id) ON DELETE CASCADE,
    name       TEXT    NOT NULL,
    quantity   REAL,
    unit       TEXT,
    is_checked INTEGER NOT NULL DEFAULT 0 CHECK (is_checked IN (0, 1))
);
CREATE INDEX idx_shopping_list_items_list_id ON shopping_list_items (list_id);
