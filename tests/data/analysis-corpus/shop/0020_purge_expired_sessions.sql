-- Shop 3.0: delete the sessions that expired before the cleanup job existed.
-- backstep: backward-compatible
-- expect: caution rewrite-rows
DELETE FROM sessions WHERE expires_at < CURRENT_TIMESTAMP;
