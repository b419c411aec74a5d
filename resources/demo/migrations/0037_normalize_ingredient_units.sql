-- Larder 2.1.0: unit spellings are normalised (" Cups" becomes "cups"). Data
-- only; the schema does not change.
-- backstep: backward-compatible
UPDATE recipe_ingredients
   SET unit = lower(trim(unit))
 WHERE unit IS NOT NULL AND unit <> lower(trim(unit));
