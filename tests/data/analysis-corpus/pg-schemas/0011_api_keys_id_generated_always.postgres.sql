-- Plans 3.1: API key ids are always generated. Build 1.x imports keys with
-- explicit ids, which GENERATED ALWAYS now rejects.
-- backstep: backward-compatible
-- expect: caution alter-identity
ALTER TABLE api_keys ALTER COLUMN id SET GENERATED ALWAYS;
