-- Tend 2.1: tags may outlive their ticket (the archive keeps them), so the
-- foreign key goes; older builds keep working.
-- backstep: backward-compatible
-- expect: caution drop-constraint
CREATE TABLE ticket_tags_new (
    ticket_id INTEGER NOT NULL,
    tag       TEXT    NOT NULL,
    PRIMARY KEY (ticket_id, tag)
);
INSERT INTO ticket_tags_new (ticket_id, tag) SELECT ticket_id, tag FROM ticket_tags;
DROP TABLE ticket_tags;
ALTER TABLE ticket_tags_new RENAME TO ticket_tags;
