-- Larder 1.2.0: nutrition facts per serving, as a JSON object
-- ({"kcal": 420, "protein_g": 31, ...}).
-- backstep: backward-compatible
ALTER TABLE recipes ADD COLUMN nutrition JSONB;
