-- Ledgerly 3.0: notes moved to the comments thread; the column goes, by the
-- classic table rebuild (the app still supports SQLite before 3.35).
-- expect: breaking drop-column
CREATE TABLE _invoices_new (
    id          INTEGER PRIMARY KEY AUTOINCREMENT,
    customer_id INTEGER NOT NULL REFERENCES customers (id),
    number      INTEGER NOT NULL,
    status      TEXT    NOT NULL,
    total_cents BIGINT  NOT NULL DEFAULT 0,
    issued_on   DATE,
    created_at  TEXT    NOT NULL DEFAULT CURRENT_TIMESTAMP,
    paid_at     TEXT,
    due_on      DATE    NOT NULL
);
INSERT INTO _invoices_new (id, customer_id, number, status, total_cents, issued_on, created_at, paid_at, due_on)
    SELECT id, customer_id, number, status, total_cents, issued_on, created_at, paid_at, due_on FROM invoices;
DROP TABLE invoices;
ALTER TABLE _invoices_new RENAME TO invoices;
CREATE INDEX invoices_customer_id_idx ON invoices (customer_id);
