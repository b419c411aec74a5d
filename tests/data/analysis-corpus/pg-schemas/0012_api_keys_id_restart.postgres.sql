-- Plans 3.2: key ids jump to 100000 so they no longer look like the old ones.
-- backstep: backward-compatible
-- expect: caution alter-identity
ALTER TABLE api_keys ALTER COLUMN id RESTART WITH 100000;
