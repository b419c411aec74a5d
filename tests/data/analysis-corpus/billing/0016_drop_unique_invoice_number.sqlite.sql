-- Ledgerly 4.0: numbering restarts every year, so numbers repeat. Build 3.2
-- upserts with ON CONFLICT (number), which now has no unique index to match.
-- expect: breaking drop-unique-constraint
CREATE TABLE _invoices_new (
    id          INTEGER PRIMARY KEY AUTOINCREMENT,
    customer_id INTEGER NOT NULL REFERENCES customers (id),
    number      INTEGER NOT NULL,
    status      TEXT    NOT NULL,
    total_cents BIGINT  NOT NULL DEFAULT 0,
    issued_on   DATE,
    created_at  TEXT    NOT NULL DEFAULT CURRENT_TIMESTAMP,
    paid_at     TEXT,
    due_on      DATE    NOT NULL,
    pdf_path    TEXT
);
INSERT INTO _invoices_new (id, customer_id, number, status, total_cents, issued_on, created_at, paid_at, due_on, pdf_path)
    SELECT id, customer_id, number, status, total_cents, issued_on, created_at, paid_at, due_on, pdf_path
    FROM invoices;
DROP TABLE invoices;
ALTER TABLE _invoices_new RENAME TO invoices;
