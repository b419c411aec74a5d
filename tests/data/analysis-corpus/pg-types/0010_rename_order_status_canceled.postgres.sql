-- Trail 2.2: British spelling for the status label. Older builds still write
-- and compare 'canceled'.
-- expect: breaking rename-enum-value
ALTER TYPE order_status RENAME VALUE 'canceled' TO 'cancelled';
