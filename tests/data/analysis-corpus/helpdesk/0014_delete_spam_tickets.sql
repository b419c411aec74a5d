-- Tend 2.2: one-off clean-up of tickets tagged as spam, then of the tags
-- themselves (their foreign key is gone, so they do not cascade).
-- backstep: backward-compatible
-- expect: caution rewrite-rows
DELETE FROM tickets WHERE id IN (SELECT ticket_id FROM ticket_tags WHERE tag = 'spam');
DELETE FROM ticket_tags WHERE tag = 'spam';
