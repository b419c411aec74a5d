-- Shop 3.0: the sales report moved to the data warehouse; the view goes.
-- expect: breaking drop-view
DROP VIEW order_totals;
