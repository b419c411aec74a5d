-- Larder 1.6.0: barcode scanning was removed; pantry_items.barcode is dropped.
-- Builds before 1.6.0 still read and write it.
ALTER TABLE pantry_items DROP COLUMN barcode;
