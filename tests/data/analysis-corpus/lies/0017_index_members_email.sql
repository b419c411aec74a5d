-- Crew 1.6: sign-in looks members up by e-mail. Honest on both dialects: a
-- compatible index on SQLite, a caution on PostgreSQL (blocking build).
-- backstep: backward-compatible
-- expect sqlite: compatible create-index
-- expect postgres: caution create-index-blocking
CREATE INDEX members_email_idx ON members (email);
