-- Larder 1.0.0: what is in the pantry, where it is kept, and its barcode.
-- backstep: backward-compatible
CREATE TABLE pantry_items (
    id        INTEGER PRIMARY KEY AUTOINCREMENT,
    name      TEXT    NOT NULL,
    quantity  INTEGER NOT NULL DEFAULT 0,
    unit      TEXT,
    location  TEXT,
    barcode   TEXT,
    is_staple INTEGER NOT NULL DEFAULT 0 CHECK (is_staple IN (0, 1))
);
