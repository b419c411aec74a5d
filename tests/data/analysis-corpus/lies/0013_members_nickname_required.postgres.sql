-- Crew 1.4: every member has a nickname. Mislabelled: older builds create
-- members without one.
-- backstep: backward-compatible
-- expect: breaking set-not-null
ALTER TABLE members ALTER COLUMN nickname SET NOT NULL;
