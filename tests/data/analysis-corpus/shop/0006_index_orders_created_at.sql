-- Shop 1.1: the sales report sorts orders by date. A plain CREATE INDEX: on
-- PostgreSQL it blocks writes to orders while it builds.
-- backstep: backward-compatible
-- expect sqlite: compatible create-index
-- expect postgres: caution create-index-blocking
CREATE INDEX orders_created_at_idx ON orders (created_at);
