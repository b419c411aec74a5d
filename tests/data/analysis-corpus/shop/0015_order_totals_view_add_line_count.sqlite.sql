-- Shop 2.2: the report also shows how many lines an order has. SQLite cannot
-- replace a view, so it is dropped and created again in the same migration:
-- the net effect is the same view with one more column at the end.
-- backstep: backward-compatible
-- expect: compatible create-view
DROP VIEW order_totals;
CREATE VIEW order_totals AS
SELECT o.id AS order_id,
       o.user_id,
       SUM(l.quantity * l.unit_price_cents) AS lines_cents,
       COUNT(*) AS line_count
FROM orders o
JOIN order_lines l ON l.order_id = o.id
GROUP BY o.id, o.user_id;
