-- Shop 2.2: order totals for the sales report, computed from the lines.
-- backstep: backward-compatible
-- expect: compatible create-view
CREATE VIEW order_totals AS
SELECT o.id AS order_id,
       o.user_id,
       SUM(l.quantity * l.unit_price_cents) AS lines_cents
FROM orders o
JOIN order_lines l ON l.order_id = o.id
GROUP BY o.id, o.user_id;
