-- Larder 1.3.0: ingredient quantities become decimal (0.5 cup, 1.25 kg).
ALTER TABLE recipe_ingredients ALTER COLUMN quantity TYPE NUMERIC(10, 3);
