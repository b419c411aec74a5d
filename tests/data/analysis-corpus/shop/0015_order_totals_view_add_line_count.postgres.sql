-- Shop 2.2: the report also shows how many lines an order has: the view gets
-- one more column at the end.
-- backstep: backward-compatible
-- expect: compatible create-view
CREATE OR REPLACE VIEW order_totals AS
SELECT o.id AS order_id,
       o.user_id,
       SUM(l.quantity * l.unit_price_cents) AS lines_cents,
       COUNT(*) AS line_count
FROM orders o
JOIN order_lines l ON l.order_id = o.id
GROUP BY o.id, o.user_id;
