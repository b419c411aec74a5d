-- Tend 1.1: free-form tags on tickets (no primary key yet).
-- backstep: backward-compatible
-- expect: compatible create-table
CREATE TABLE ticket_tags (
    ticket_id bigint NOT NULL REFERENCES tickets (id) ON DELETE CASCADE,
    tag       text   NOT NULL
);
INSERT INTO ticket_tags (ticket_id, tag) VALUES (1, 'login'), (2, 'billing'), (3, 'spam');
