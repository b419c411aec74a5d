-- Tills 2.1: a function that recomputes every balance, created and then run
-- once by this migration.
-- backstep: backward-compatible
-- expect: caution create-view opaque-sql
CREATE FUNCTION refresh_balances() RETURNS integer
LANGUAGE plpgsql AS $$
DECLARE
    n integer;
BEGIN
    UPDATE accounts a SET balance_cents = account_balance(a.id);
    GET DIAGNOSTICS n = ROW_COUNT;
    RETURN n;
END;
$$;

SELECT refresh_balances();
