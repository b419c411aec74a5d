-- Larder 1.4.0: one-to-five star ratings on recipes.
-- backstep: backward-compatible
ALTER TABLE recipes ADD COLUMN rating SMALLINT CHECK (rating BETWEEN 1 AND 5);
