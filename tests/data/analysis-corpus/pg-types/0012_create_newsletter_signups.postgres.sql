-- Trail 2.3: newsletter sign-ups, with e-mail addresses as a domain type.
-- backstep: backward-compatible
-- expect: compatible create-other create-table
CREATE DOMAIN email_address AS text CHECK (VALUE ~ '^[^@[:space:]]+@[^@[:space:]]+$');
CREATE TABLE newsletter_signups (
    email       email_address PRIMARY KEY,
    signed_up_at timestamptz  NOT NULL DEFAULT now()
);
INSERT INTO newsletter_signups (email) VALUES ('ana@example.org');
