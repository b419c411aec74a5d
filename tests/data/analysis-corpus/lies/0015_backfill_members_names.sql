-- Crew 1.5: members without a name get their nickname as name. Honest: the
-- declared flag is right, and the update deserves its caution.
-- backstep: backward-compatible
-- expect: caution rewrite-rows
UPDATE members SET name = nickname WHERE name IS NULL;
