-- Larder 1.4.0: record when an item was put on a shopping list.
-- SQLite's ADD COLUMN cannot default to CURRENT_TIMESTAMP, so the table is
-- rebuilt (create, copy, drop, rename); the net change is one new nullable
-- column with a default.
-- backstep: backward-compatible
CREATE TABLE shopping_list_items_new (
    id         INTEGER PRIMARY KEY AUTOINCREMENT,
    list_id    INTEGER NOT NULL REFERENCES shopping_lists (id) ON DELETE CASCADE,
    name       TEXT    NOT NULL,
    quantity   REAL,
    unit       TEXT,
    is_checked INTEGER NOT NULL DEFAULT 0 CHECK (is_checked IN (0, 1)),
    added_at   TEXT    DEFAULT CURRENT_TIMESTAMP
);
INSERT INTO shopping_list_items_new (id, list_id, name, quantity, unit, is_checked)
    SELECT id, list_id, name, quantity, unit, is_checked FROM shopping_list_items;
DROP TABLE shopping_list_items;
ALTER TABLE shopping_list_items_new RENAME TO shopping_list_items;
CREATE INDEX idx_shopping_list_items_list_id ON shopping_list_items (list_id);
