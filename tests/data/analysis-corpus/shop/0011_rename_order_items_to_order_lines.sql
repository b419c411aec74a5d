-- Shop 2.1: the accounting team calls them order lines; so does the schema now.
-- expect: breaking rename-table
ALTER TABLE order_items RENAME TO order_lines;
