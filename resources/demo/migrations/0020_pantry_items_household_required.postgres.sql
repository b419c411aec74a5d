-- Larder 1.4.0: every pantry item belongs to a household. Existing items go to
-- the first household (a "Home" household is created when there is none).
-- The new column is NOT NULL without a default, so an INSERT that does not
-- name a household fails.
INSERT INTO households (name) SELECT 'Home' WHERE NOT EXISTS (SELECT 1 FROM households);
ALTER TABLE pantry_items ADD COLUMN household_id INTEGER REFERENCES households (id) ON DELETE CASCADE;
UPDATE pantry_items SET household_id = (SELECT min(id) FROM households);
ALTER TABLE pantry_items ALTER COLUMN household_id SET NOT NULL;
