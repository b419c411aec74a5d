-- Ledgerly 1.0: invoices. The number is optional while an invoice is a draft;
-- customer_id has no foreign key yet (imports arrive before their customers).
-- backstep: backward-compatible
-- expect: compatible create-table create-index
CREATE TABLE invoices (
    id          INTEGER PRIMARY KEY AUTOINCREMENT,
    customer_id INTEGER NOT NULL,
    number      TEXT,
    status      TEXT    NOT NULL DEFAULT 'draft',
    total_cents INTEGER NOT NULL DEFAULT 0,
    notes       VARCHAR(200),
    issued_on   DATE,
    created_at  TEXT    NOT NULL DEFAULT CURRENT_TIMESTAMP
);
CREATE INDEX invoices_customer_id_idx ON invoices (customer_id);
INSERT INTO invoices (customer_id, number, status, total_cents, notes, issued_on) VALUES
    (1, '1001', 'paid', 12000, 'net 30', '2024-01-10'),
    (2, '1002', 'draft', 0, NULL, NULL),
    (1, '1003', 'sent', 4500, NULL, '2024-02-01');
