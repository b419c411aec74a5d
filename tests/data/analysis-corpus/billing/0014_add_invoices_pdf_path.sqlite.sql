-- Ledgerly 3.1: where the rendered PDF is stored. The rebuild forgets to
-- create invoices_customer_id_idx again, so the net effect also loses that
-- index (a bug real rebuilds have).
-- backstep: backward-compatible
-- expect: caution add-nullable-column drop-index
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
INSERT INTO _invoices_new (id, customer_id, number, status, total_cents, issued_on, created_at, paid_at, due_on)
    SELECT id, customer_id, number, status, total_cents, issued_on, created_at, paid_at, due_on FROM invoices;
DROP TABLE invoices;
ALTER TABLE _invoices_new RENAME TO invoices;
