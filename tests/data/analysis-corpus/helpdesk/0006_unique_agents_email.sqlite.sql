-- Tend 1.3: one agent per e-mail address.
-- expect: breaking add-unique-constraint
CREATE UNIQUE INDEX agents_email_key ON agents (email);
