-- Shop 1.2: product search by name prefix.
-- backstep: backward-compatible
-- expect: compatible create-index
CREATE INDEX products_name_idx ON products (name);
