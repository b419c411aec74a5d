-- Larder 1.1.0: keep recipes.updated_at current on every edit, in the database,
-- so that imports and the web UI agree.
-- backstep: backward-compatible
CREATE TRIGGER recipes_touch_updated_at
AFTER UPDATE ON recipes
FOR EACH ROW
WHEN NEW.updated_at IS OLD.updated_at
BEGIN
    -- only when the application did not set it itself; the WHEN clause above
    -- also stops this UPDATE from firing the trigger again
    UPDATE recipes SET updated_at = CURRENT_TIMESTAMP WHERE id = NEW.id;
END;
