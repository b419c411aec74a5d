-- Ledgerly 1.1: record when an invoice was paid. The ORM's SQLite batch mode
-- rebuilds the table for every change (create new, copy, drop old, rename);
-- the net effect is one new nullable column.
-- backstep: backward-compatible
-- expect: compatible add-nullable-column
CREATE TABLE _invoices_new (
    id          INTEGER PRIMARY KEY AUTOINCREMENT,
    customer_id INTEGER NOT NULL,
    number      TEXT,
    status      TEXT    NOT NULL DEFAULT 'draft',
    total_cents INTEGER NOT NULL DEFAULT 0,
    notes       VARCHAR(200),
    issued_on   DATE,
    created_at  TEXT    NOT NULL DEFAULT CURRENT_TIMESTAMP,
    paid_at     TEXT
);
INSERT INTO _invoices_new (id, customer_id, number, status, total_cents, notes, issued_on, created_at)
    SELECT id, customer_id, number, status, total_cents, notes, issued_on, created_at FROM invoices;
DROP TABLE invoices;
ALTER TABLE _invoices_new RENAME TO invoices;
CREATE INDEX invoices_customer_id_idx ON invoices (customer_id);
