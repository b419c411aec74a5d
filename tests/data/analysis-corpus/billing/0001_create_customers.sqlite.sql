-- Ledgerly 1.0 (a small invoicing app): the customers invoices go to.
-- backstep: backward-compatible
-- expect: compatible create-table
CREATE TABLE customers (
    id         INTEGER PRIMARY KEY AUTOINCREMENT,
    name       TEXT NOT NULL,
    email      TEXT,
    country    TEXT,
    created_at TEXT NOT NULL DEFAULT CURRENT_TIMESTAMP
);
INSERT INTO customers (name, email, country) VALUES
    ('Acme GmbH', 'billing@acme.example', 'DE'),
    ('Baker & Sons', NULL, 'GB');
