-- Tend 1.3: keep tickets.updated_at current in the database, whichever build
-- edits the ticket.
-- backstep: backward-compatible
-- expect: compatible create-other
CREATE TRIGGER tickets_touch_updated_at
AFTER UPDATE ON tickets
FOR EACH ROW
WHEN NEW.updated_at IS OLD.updated_at
BEGIN
    UPDATE tickets SET updated_at = CURRENT_TIMESTAMP WHERE id = NEW.id;
END;
