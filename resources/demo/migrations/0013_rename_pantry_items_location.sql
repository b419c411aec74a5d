-- Larder 1.2.0: pantry_items.location is renamed storage_area, to match the new
-- storage areas screen (fridge, freezer, cupboard). Builds before 1.2.0 still
-- read and write "location".
ALTER TABLE pantry_items RENAME COLUMN location TO storage_area;
