-- Tend 1.3: keep tickets.updated_at current in the database, whichever build
-- edits the ticket: a PL/pgSQL trigger function and its trigger.
-- backstep: backward-compatible
-- expect: compatible create-view create-other
CREATE FUNCTION tickets_touch_updated_at() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
    -- an explicit value from the application wins
    IF NEW.updated_at IS NOT DISTINCT FROM OLD.updated_at THEN
        NEW.updated_at := now();
    END IF;
    RETURN NEW;
END;
$$;

CREATE TRIGGER tickets_touch_updated_at
BEFORE UPDATE ON tickets
FOR EACH ROW EXECUTE FUNCTION tickets_touch_updated_at();
