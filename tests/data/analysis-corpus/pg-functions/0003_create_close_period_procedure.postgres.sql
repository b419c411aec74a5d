-- Tills 1.1: a procedure that posts every draft entry up to a date.
-- backstep: backward-compatible
-- expect: compatible create-view
CREATE PROCEDURE close_period(p_until date)
LANGUAGE plpgsql AS $$
BEGIN
    UPDATE entries SET posted = true WHERE NOT posted AND booked_on <= p_until;
    RAISE NOTICE 'period closed until %; entries posted', p_until;
END;
$$;
