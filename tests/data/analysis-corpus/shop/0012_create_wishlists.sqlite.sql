-- Shop 2.1: a wish list per user (an experiment).
-- backstep: backward-compatible
-- expect: compatible create-table
CREATE TABLE wishlists (
    user_id    INTEGER NOT NULL REFERENCES users (id),
    product_id INTEGER NOT NULL REFERENCES products (id),
    added_at   TEXT    NOT NULL DEFAULT CURRENT_TIMESTAMP,
    PRIMARY KEY (user_id, product_id)
);
