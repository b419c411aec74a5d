-- Tills 1.1: two functions for the reports. Their bodies are dollar-quoted and
-- hold semicolons, a nested dollar quote and a comment; a lone $$ in this
-- header comment and the string '$$; not a quote' below open nothing.
-- backstep: backward-compatible
-- expect: compatible create-view
CREATE FUNCTION account_balance(p_account bigint) RETURNS bigint
LANGUAGE sql STABLE AS $$
    -- posted entries only; drafts do not count
    SELECT coalesce(sum(amount_cents), 0)::bigint
    FROM entries
    WHERE account_id = p_account AND posted;
$$;

CREATE FUNCTION describe_account(p_account bigint) RETURNS text
LANGUAGE plpgsql STABLE AS $fn$
DECLARE
    result text;
BEGIN
    SELECT format($f$%s: %s cents; posted only$f$, name, account_balance(id))
      INTO result
      FROM accounts
     WHERE id = p_account;
    RETURN coalesce(result, '$$; not a quote');
END;
$fn$;
