-- Ledgerly 1.2: drafts get their number when they are created, so the number
-- becomes mandatory. Builds before 1.2 still insert drafts without one.
-- expect: breaking set-not-null
CREATE TABLE _invoices_new (
    id          INTEGER PRIMARY KEY AUTOINCREMENT,
    customer_id INTEGER NOT NULL,
    number      TEXT    NOT NULL,
    status      TEXT    NOT NULL DEFAULT 'draft',
    total_cents INTEGER NOT NULL DEFAULT 0,
    notes       VARCHAR(200),
    issued_on   DATE,
    created_at  TEXT    NOT NULL DEFAULT CURRENT_TIMESTAMP,
    paid_at     TEXT
);
INSERT INTO _invoices_new (id, customer_id, number, status, total_cents, notes, issued_on, created_at, paid_at)
    SELECT id, customer_id, number, status, total_cents, notes, issued_on, created_at, paid_at FROM invoices;
DROP TABLE invoices;
ALTER TABLE _invoices_new RENAME TO invoices;
CREATE INDEX invoices_customer_id_idx ON invoices (customer_id);
