-- Tend 2.0: constraint names follow the PostgreSQL edition, whose error
-- handling matches "tickets_priority_range". SQLite cannot rename a
-- constraint, so tickets is rebuilt the way the SQLite manual describes for a
-- table other tables reference: foreign keys off outside the transaction, the
-- transaction in the file, indexes and triggers created again, keys checked.
-- backstep: backward-compatible, no-transaction
-- expect: caution rename-constraint
PRAGMA foreign_keys = OFF;
BEGIN;
CREATE TABLE tickets_new (
    id              INTEGER PRIMARY KEY AUTOINCREMENT,
    subject         TEXT    NOT NULL,
    status          TEXT    NOT NULL DEFAULT 'open',
    priority        INTEGER NOT NULL DEFAULT 3
                    CONSTRAINT tickets_priority_range CHECK (priority BETWEEN 1 AND 5),
    requester_email TEXT    NOT NULL,
    assignee_id     INTEGER REFERENCES agents (id),
    external_ref    TEXT,
    created_at      TEXT    NOT NULL DEFAULT CURRENT_TIMESTAMP,
    updated_at      TEXT    NOT NULL DEFAULT CURRENT_TIMESTAMP
);
INSERT INTO tickets_new (id, subject, status, priority, requester_email, assignee_id, external_ref, created_at, updated_at)
    SELECT id, subject, status, priority, requester_email, assignee_id, external_ref, created_at, updated_at
    FROM tickets;
DROP TABLE tickets;
ALTER TABLE tickets_new RENAME TO tickets;
CREATE INDEX tickets_assignee_id_idx ON tickets (assignee_id);
CREATE TRIGGER tickets_touch_updated_at
AFTER UPDATE ON tickets
FOR EACH ROW
WHEN NEW.updated_at IS OLD.updated_at
BEGIN
    UPDATE tickets SET updated_at = CURRENT_TIMESTAMP WHERE id = NEW.id;
END;
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
PRAGMA foreign_key_check;
COMMIT;
PRAGMA foreign_keys = ON;
