-- Reverts 0013: pantry_items.storage_area is called location again.
ALTER TABLE pantry_items RENAME COLUMN storage_area TO location;
