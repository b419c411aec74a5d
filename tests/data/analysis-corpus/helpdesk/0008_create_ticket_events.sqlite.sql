-- Tend 1.4: an event log per ticket, written by a trigger on status changes.
-- The trigger body holds two statements, a comment and a string with "END;"
-- in it: the statement ends only at the END that closes the body.
-- backstep: backward-compatible
-- expect: compatible create-table create-index create-other
CREATE TABLE ticket_events (
    id         INTEGER PRIMARY KEY AUTOINCREMENT,
    ticket_id  INTEGER NOT NULL REFERENCES tickets (id) ON DELETE CASCADE,
    kind       TEXT    NOT NULL,
    detail     TEXT,
    created_at TEXT    NOT NULL DEFAULT CURRENT_TIMESTAMP
);
CREATE INDEX ticket_events_ticket_id_idx ON ticket_events (ticket_id);

CREATE TRIGGER tickets_log_status_change
AFTER UPDATE OF status ON tickets
FOR EACH ROW
WHEN NEW.status IS NOT OLD.status
BEGIN
    -- one row per change; closing a ticket; also stamps it
    INSERT INTO ticket_events (ticket_id, kind, detail)
    VALUES (NEW.id, 'status', OLD.status || ' -> ' || NEW.status || '; END; of change');
    UPDATE tickets SET updated_at = CURRENT_TIMESTAMP WHERE id = NEW.id AND NEW.status = 'closed';
END;
