-- Shop 1.0: orders, and the index the "my orders" page needs. The index is on
-- the table this migration creates, so it blocks nobody.
-- backstep: backward-compatible
-- expect: compatible create-table create-index
CREATE TABLE orders (
    id          INTEGER PRIMARY KEY AUTOINCREMENT,
    user_id     INTEGER NOT NULL REFERENCES users (id),
    status      TEXT    NOT NULL DEFAULT 'new',
    total_cents INTEGER NOT NULL DEFAULT 0,
    created_at  TEXT    NOT NULL DEFAULT CURRENT_TIMESTAMP
);
CREATE INDEX orders_user_id_idx ON orders (user_id);
INSERT INTO orders (user_id, status, total_cents) VALUES (1, 'new', 3600), (2, 'shipped', 1200), (1, 'new', 0);
