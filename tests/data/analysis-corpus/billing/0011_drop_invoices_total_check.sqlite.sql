-- Ledgerly 2.1: credit notes are invoices with negative totals after all; the
-- check goes. Older builds keep working.
-- backstep: backward-compatible
-- expect: caution drop-constraint
CREATE TABLE _invoices_new (
    id          INTEGER PRIMARY KEY AUTOINCREMENT,
    customer_id INTEGER NOT NULL REFERENCES customers (id),
    number      INTEGER NOT NULL,
    status      TEXT    NOT NULL,
    total_cents BIGINT  NOT NULL DEFAULT 0,
    notes       TEXT,
    issued_on   DATE,
    created_at  TEXT    NOT NULL DEFAULT CURRENT_TIMESTAMP,
    paid_at     TEXT
);
INSERT INTO _invoices_new (id, customer_id, number, status, total_cents, notes, issued_on, created_at, paid_at)
    SELECT id, customer_id, number, status, total_cents, notes, issued_on, created_at, paid_at FROM invoices;
DROP TABLE invoices;
ALTER TABLE _invoices_new RENAME TO invoices;
CREATE INDEX invoices_customer_id_idx ON invoices (customer_id);
