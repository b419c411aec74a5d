-- Shop 1.1: remember when each user last signed in (shown in the admin list).
-- backstep: backward-compatible
-- expect: compatible add-nullable-column
ALTER TABLE users ADD COLUMN last_login_at TIMESTAMP;
