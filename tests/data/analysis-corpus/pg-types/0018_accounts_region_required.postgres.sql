-- Trail 3.2: every account has a region. Added with a temporary default that
-- fills the existing rows, then the default is dropped: the net effect is a
-- NOT NULL column without a default, which older builds' INSERTs violate.
-- expect: breaking add-not-null-column-without-default
ALTER TABLE accounts ADD COLUMN region text NOT NULL DEFAULT 'eu';
ALTER TABLE accounts ALTER COLUMN region DROP DEFAULT;
