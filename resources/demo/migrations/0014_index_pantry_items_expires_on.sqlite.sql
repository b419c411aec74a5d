-- Larder 1.2.0: the "use soon" list sorts the pantry by best-before date.
-- backstep: backward-compatible
CREATE INDEX idx_pantry_items_expires_on ON pantry_items (expires_on);
