-- Ledgerly 2.0: invoice numbers are plain sequential integers. TEXT to INTEGER
-- changes the column's affinity: older builds read back integers where they
-- stored strings.
-- expect: breaking change-column-type
CREATE TABLE _invoices_new (
    id          INTEGER PRIMARY KEY AUTOINCREMENT,
    customer_id INTEGER NOT NULL,
    number      INTEGER NOT NULL,
    status      TEXT    NOT NULL,
    total_cents BIGINT  NOT NULL DEFAULT 0,
    notes       TEXT,
    issued_on   DATE,
    created_at  TEXT    NOT NULL DEFAULT CURRENT_TIMESTAMP,
    paid_at     TEXT,
    CONSTRAINT invoices_total_cents_check CHECK (total_cents >= 0)
);
INSERT INTO _invoices_new (id, customer_id, number, status, total_cents, notes, issued_on, created_at, paid_at)
    SELECT id, customer_id, CAST(number AS INTEGER), status, total_cents, notes, issued_on, created_at, paid_at
    FROM invoices;
DROP TABLE invoices;
ALTER TABLE _invoices_new RENAME TO invoices;
CREATE INDEX invoices_customer_id_idx ON invoices (customer_id);
