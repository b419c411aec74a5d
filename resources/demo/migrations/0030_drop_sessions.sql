-- Larder 1.7.0: browser logins now use signed cookies and API tokens, so the
-- sessions table is no longer read and is dropped.
-- backstep: backward-compatible
DROP TABLE sessions;
