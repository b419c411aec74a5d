-- Crew 1.5: projects keep their owner's e-mail for notifications, filled from
-- members for existing rows. Mislabelled: a NOT NULL column without a default
-- that older builds' INSERTs leave out.
-- backstep: backward-compatible
-- expect: breaking add-not-null-column-without-default rewrite-rows
ALTER TABLE projects ADD COLUMN owner_email text;
UPDATE projects p SET owner_email = m.email FROM members m WHERE m.id = p.member_id;
ALTER TABLE projects ALTER COLUMN owner_email SET NOT NULL;
