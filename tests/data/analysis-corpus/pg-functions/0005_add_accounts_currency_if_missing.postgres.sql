-- Tills 1.2: add accounts.currency unless a hotfix already added it. The DO
-- block is opaque to statement rules; the replay still sees the new nullable
-- column.
-- backstep: backward-compatible
-- expect: caution add-nullable-column opaque-sql
DO $$
BEGIN
    IF NOT EXISTS (
        SELECT 1 FROM information_schema.columns
        WHERE table_schema = current_schema() AND table_name = 'accounts' AND column_name = 'currency'
    ) THEN
        ALTER TABLE accounts ADD COLUMN currency text;
    END IF;
END
$$;
