-- Crew 1.3: invitations go through the identity provider now. Mislabelled:
-- builds up to 1.2 still write invitations here.
-- backstep: backward-compatible
-- expect: breaking drop-table
DROP TABLE project_invites;
