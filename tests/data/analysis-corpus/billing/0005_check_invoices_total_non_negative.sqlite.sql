-- Ledgerly 1.2: totals are never negative (credit notes are their own kind).
-- Builds before 1.2 wrote negative totals for credits.
-- expect: breaking add-check-constraint
CREATE TABLE _invoices_new (
    id          INTEGER PRIMARY KEY AUTOINCREMENT,
    customer_id INTEGER NOT NULL,
    number      TEXT    NOT NULL,
    status      TEXT    NOT NULL DEFAULT 'draft',
    total_cents INTEGER NOT NULL DEFAULT 0,
    notes       VARCHAR(200),
    issued_on   DATE,
    created_at  TEXT    NOT NULL DEFAULT CURRENT_TIMESTAMP,
    paid_at     TEXT,
    CONSTRAINT invoices_total_cents_check CHECK (total_cents >= 0)
);
INSERT INTO _invoices_new (id, customer_id, number, status, total_cents, notes, issued_on, created_at, paid_at)
    SELECT id, customer_id, number, status, total_cents, notes, issued_on, created_at, paid_at FROM invoices;
DROP TABLE invoices;
ALTER TABLE _invoices_new RENAME TO invoices;
CREATE INDEX invoices_customer_id_idx ON invoices (customer_id);
