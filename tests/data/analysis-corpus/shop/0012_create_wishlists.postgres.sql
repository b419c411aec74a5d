-- Shop 2.1: a wish list per user (an experiment).
-- backstep: backward-compatible
-- expect: compatible create-table
CREATE TABLE wishlists (
    user_id    bigint      NOT NULL REFERENCES users (id),
    product_id bigint      NOT NULL REFERENCES products (id),
    added_at   timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (user_id, product_id)
);
