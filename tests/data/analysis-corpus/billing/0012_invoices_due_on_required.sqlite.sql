-- Ledgerly 2.1: every invoice has a due date, 30 days after issue by default
-- in the application, not in the database. The copy fills it for existing
-- rows; older builds insert invoices without it and fail.
-- expect: breaking add-not-null-column-without-default
CREATE TABLE _invoices_new (
    id          INTEGER PRIMARY KEY AUTOINCREMENT,
    customer_id INTEGER NOT NULL REFERENCES customers (id),
    number      INTEGER NOT NULL,
    status      TEXT    NOT NULL,
    total_cents BIGINT  NOT NULL DEFAULT 0,
    notes       TEXT,
    issued_on   DATE,
    created_at  TEXT    NOT NULL DEFAULT CURRENT_TIMESTAMP,
    paid_at     TEXT,
    due_on      DATE    NOT NULL
);
INSERT INTO _invoices_new (id, customer_id, number, status, total_cents, notes, issued_on, created_at, paid_at, due_on)
    SELECT id, customer_id, number, status, total_cents, notes, issued_on, created_at, paid_at,
           date(coalesce(issued_on, created_at), '+30 days')
    FROM invoices;
DROP TABLE invoices;
ALTER TABLE _invoices_new RENAME TO invoices;
CREATE INDEX invoices_customer_id_idx ON invoices (customer_id);
