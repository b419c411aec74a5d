-- Larder 1.1.0: keep recipes.updated_at current on every edit, in the database,
-- so that imports and the web UI agree.
-- backstep: backward-compatible
CREATE FUNCTION recipes_touch_updated_at() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
    -- only when the application did not set it itself; explicit values win
    IF NEW.updated_at IS NOT DISTINCT FROM OLD.updated_at THEN
        NEW.updated_at := now();
    END IF;
    RETURN NEW;
END;
$$;

CREATE TRIGGER recipes_touch_updated_at
BEFORE UPDATE ON recipes
FOR EACH ROW EXECUTE FUNCTION recipes_touch_updated_at();
