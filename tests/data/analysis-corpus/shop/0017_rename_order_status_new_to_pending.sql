-- Shop 2.3: the order status 'new' is now called 'pending'. Older builds
-- keep working, but they will meet a status value they have never seen.
-- backstep: backward-compatible
-- expect: caution rewrite-rows
UPDATE orders SET status = 'pending' WHERE status = 'new';
