-- Tills 2.0: close the year 2024 by calling the procedure: what it changes is
-- invisible to statement rules.
-- backstep: backward-compatible
-- expect: caution opaque-sql
CALL close_period(DATE '2024-12-31');
