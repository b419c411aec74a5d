-- Tend 2.0: a mail thread may open several tickets again (split tickets).
-- Build 1.2 upserts on external_ref with ON CONFLICT, which needs the index.
-- expect: breaking drop-unique-constraint
DROP INDEX tickets_external_ref_key;
