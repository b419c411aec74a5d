-- Larder 1.1.0: best-before dates for pantry items.
-- backstep: backward-compatible
ALTER TABLE pantry_items ADD COLUMN expires_on DATE;
