-- Larder 1.3.0: ingredient quantities become decimal (0.5 cup, 1.25 kg).
-- SQLite cannot change a column's type in place: add a REAL column, copy the
-- values, drop the INTEGER column and give the new one its name.
ALTER TABLE recipe_ingredients ADD COLUMN quantity_decimal REAL;
UPDATE recipe_ingredients SET quantity_decimal = quantity;
ALTER TABLE recipe_ingredients DROP COLUMN quantity;
ALTER TABLE recipe_ingredients RENAME COLUMN quantity_decimal TO quantity;
