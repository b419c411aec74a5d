-- Tills 1.2: fill accounts.balance_cents from the entries, in a DO block.
-- Analysis cannot see what the block does (it updates every account).
-- backstep: backward-compatible
-- expect: caution opaque-sql
DO $$
DECLARE
    r record;
BEGIN
    FOR r IN SELECT id FROM accounts LOOP
        UPDATE accounts SET balance_cents = account_balance(r.id) WHERE id = r.id;
    END LOOP;
END
$$;
