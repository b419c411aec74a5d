-- Tend 1.3: one agent per e-mail address, built CONCURRENTLY so the agents
-- table stays writable; the new uniqueness still breaks older builds that
-- create duplicate agents.
-- backstep: no-transaction
-- expect: breaking add-unique-constraint
CREATE UNIQUE INDEX CONCURRENTLY agents_email_key ON agents (email);
