-- Tend 1.0: tickets, with the indexes the queue views need. Constraints and
-- indexes on a table the migration creates affect no older build.
-- backstep: backward-compatible
-- expect: compatible create-table create-index
CREATE TABLE tickets (
    id              INTEGER PRIMARY KEY AUTOINCREMENT,
    subject         TEXT    NOT NULL,
    status          TEXT    NOT NULL DEFAULT 'open',
    priority        INTEGER NOT NULL DEFAULT 3
                    CONSTRAINT tickets_priority_check CHECK (priority BETWEEN 1 AND 5),
    requester_email TEXT    NOT NULL,
    assignee_id     INTEGER REFERENCES agents (id),
    external_ref    TEXT,
    created_at      TEXT    NOT NULL DEFAULT CURRENT_TIMESTAMP,
    updated_at      TEXT    NOT NULL DEFAULT CURRENT_TIMESTAMP
);
CREATE INDEX tickets_status_idx ON tickets (status);
CREATE INDEX tickets_assignee_id_idx ON tickets (assignee_id);
INSERT INTO tickets (subject, status, priority, requester_email, assignee_id, external_ref) VALUES
    ('Cannot log in', 'open', 2, 'joe@customer.example', 1, 'MAIL-1'),
    ('Refund please', 'pending', 3, 'amy@customer.example', NULL, 'MAIL-2'),
    ('Buy cheap watches', 'open', 5, 'spam@spam.example', NULL, NULL);
