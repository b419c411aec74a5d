-- Plans 4.0: API key ids are assigned by the application too.
-- expect: breaking drop-identity
ALTER TABLE api_keys ALTER COLUMN id DROP IDENTITY;
