-- Larder 1.6.0: barcode scanning was removed; pantry_items.barcode is dropped.
-- Builds before 1.6.0 still read and write it. Larder supports SQLite versions
-- without ALTER TABLE ... DROP COLUMN (before 3.35), so the table is rebuilt.
CREATE TABLE pantry_items_new (
    id           INTEGER PRIMARY KEY AUTOINCREMENT,
    name         TEXT    NOT NULL,
    quantity     INTEGER NOT NULL DEFAULT 0,
    unit         TEXT,
    storage_area TEXT,
    is_staple    INTEGER NOT NULL DEFAULT 0 CHECK (is_staple IN (0, 1)),
    expires_on   DATE,
    household_id INTEGER NOT NULL REFERENCES households (id) ON DELETE CASCADE
);
INSERT INTO pantry_items_new (id, name, quantity, unit, storage_area, is_staple, expires_on, household_id)
    SELECT id, name, quantity, unit, storage_area, is_staple, expires_on, household_id
    FROM pantry_items;
DROP TABLE pantry_items;
ALTER TABLE pantry_items_new RENAME TO pantry_items;
CREATE INDEX idx_pantry_items_expires_on ON pantry_items (expires_on);
