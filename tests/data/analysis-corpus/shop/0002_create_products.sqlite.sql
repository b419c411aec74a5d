-- Shop 1.0: the product catalogue. legacy_code is the article number of the
-- shop system this one replaced.
-- backstep: backward-compatible
-- expect: compatible create-table
CREATE TABLE products (
    id          INTEGER PRIMARY KEY AUTOINCREMENT,
    sku         TEXT    NOT NULL UNIQUE,
    name        TEXT    NOT NULL,
    price_cents INTEGER NOT NULL,
    legacy_code TEXT,
    created_at  TEXT    NOT NULL DEFAULT CURRENT_TIMESTAMP
);
INSERT INTO products (sku, name, price_cents, legacy_code) VALUES
    ('MUG-01', 'Enamel mug', 1200, 'A-1001'),
    ('TEE-02', 'Logo T-shirt', 2400, NULL),
    ('CAP-03', 'Cap', 1800, 'A-1007');
