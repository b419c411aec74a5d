-- Tend 1.2: a tag appears once per ticket. Build 1.1 adds a tag again when an
-- agent clicks twice; that insert now fails.
-- expect: breaking add-primary-key
ALTER TABLE ticket_tags ADD PRIMARY KEY (ticket_id, tag);
