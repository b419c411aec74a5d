-- Tills 2.0: drop the legacy flag through dynamic SQL (the column name comes
-- from a variable). Opaque to statement rules, but the replay sees the column
-- gone, which breaks builds that still select it.
-- expect: breaking drop-column opaque-sql
DO $$
DECLARE
    col text := 'legacy_flag';
BEGIN
    EXECUTE format('ALTER TABLE accounts DROP COLUMN IF EXISTS %I', col);
END
$$;
