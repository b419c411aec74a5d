-- Tend 1.2: a tag appears once per ticket. Build 1.1 adds a tag again when an
-- agent clicks twice; that insert now fails. (Rebuild: SQLite cannot add a
-- primary key to an existing table.)
-- expect: breaking add-primary-key
CREATE TABLE ticket_tags_new (
    ticket_id INTEGER NOT NULL REFERENCES tickets (id) ON DELETE CASCADE,
    tag       TEXT    NOT NULL,
    PRIMARY KEY (ticket_id, tag)
);
INSERT INTO ticket_tags_new (ticket_id, tag) SELECT DISTINCT ticket_id, tag FROM ticket_tags;
DROP TABLE ticket_tags;
ALTER TABLE ticket_tags_new RENAME TO ticket_tags;
