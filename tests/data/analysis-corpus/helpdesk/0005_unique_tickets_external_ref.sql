-- Tend 1.2: a mail thread opens one ticket only (the mail importer used to
-- open duplicates). A plain CREATE UNIQUE INDEX: on PostgreSQL it also blocks
-- writes to tickets while it builds.
-- expect sqlite: breaking add-unique-constraint
-- expect postgres: breaking add-unique-constraint create-index-blocking
CREATE UNIQUE INDEX tickets_external_ref_key ON tickets (external_ref);
