-- Larder 1.3.0: the household a user belongs to (none until they join one).
-- backstep: backward-compatible
ALTER TABLE users ADD COLUMN household_id INTEGER REFERENCES households (id);
