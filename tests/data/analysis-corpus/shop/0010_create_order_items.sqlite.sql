-- Shop 2.0: the lines of an order.
-- backstep: backward-compatible
-- expect: compatible create-table create-index
CREATE TABLE order_items (
    id               INTEGER PRIMARY KEY AUTOINCREMENT,
    order_id         INTEGER NOT NULL REFERENCES orders (id) ON DELETE CASCADE,
    product_id       INTEGER NOT NULL REFERENCES products (id),
    quantity         INTEGER NOT NULL DEFAULT 1,
    unit_price_cents INTEGER NOT NULL
);
CREATE INDEX order_items_order_id_idx ON order_items (order_id);
INSERT INTO order_items (order_id, product_id, quantity, unit_price_cents) VALUES
    (1, 1, 1, 1200), (1, 2, 1, 2400), (2, 1, 1, 1200);
