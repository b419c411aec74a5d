-- Larder 1.4.0: every pantry item belongs to a household. Existing items go to
-- the first household (a "Home" household is created when there is none).
-- The new column is NOT NULL without a default, so an INSERT that does not
-- name a household fails. SQLite cannot add such a column with ALTER TABLE,
-- so the table is rebuilt.
INSERT INTO households (name) SELECT 'Home' WHERE NOT EXISTS (SELECT 1 FROM households);
CREATE TABLE pantry_items_new (
    id           INTEGER PRIMARY KEY AUTOINCREMENT,
    name         TEXT    NOT NULL,
    quantity     INTEGER NOT NULL DEFAULT 0,
    unit         TEXT,
    storage_area TEXT,
    barcode      TEXT,
    is_staple    INTEGER NOT NULL DEFAULT 0 CHECK (is_staple IN (0, 1)),
    expires_on   DATE,
    household_id INTEGER NOT NULL REFERENCES households (id) ON DELETE CASCADE
);
INSERT INTO pantry_items_new (id, name, quantity, unit, storage_area, barcode, is_staple, expires_on, household_id)
    SELECT id, name, quantity, unit, storage_area, barcode, is_staple, expires_on,
           (SELECT min(id) FROM households)
    FROM pantry_items;
DROP TABLE pantry_items;
ALTER TABLE pantry_items_new RENAME TO pantry_items;
CREATE INDEX idx_pantry_items_expires_on ON pantry_items (expires_on);
