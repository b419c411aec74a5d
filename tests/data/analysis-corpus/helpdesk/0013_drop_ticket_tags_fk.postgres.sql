-- Tend 2.1: tags may outlive their ticket (the archive keeps them), so the
-- foreign key goes; older builds keep working.
-- backstep: backward-compatible
-- expect: caution drop-constraint
ALTER TABLE ticket_tags DROP CONSTRAINT ticket_tags_ticket_id_fkey;
