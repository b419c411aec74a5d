-- Tend 2.2: a response target per ticket, 24 hours unless set. The CHECK is
-- on the new column only, and its default satisfies it.
-- backstep: backward-compatible
-- expect: compatible add-column-with-default
ALTER TABLE tickets ADD COLUMN sla_hours INTEGER NOT NULL DEFAULT 24 CHECK (sla_hours > 0);
