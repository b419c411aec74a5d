-- Larder 1.1.0: remember the web page a recipe was imported from.
-- backstep: backward-compatible
ALTER TABLE recipes ADD COLUMN source_url TEXT;
