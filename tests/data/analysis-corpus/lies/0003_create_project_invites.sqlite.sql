-- Crew 1.0: invitations by e-mail. Honest.
-- backstep: backward-compatible
-- expect: compatible create-table
CREATE TABLE project_invites (
    id         INTEGER PRIMARY KEY AUTOINCREMENT,
    member_id  INTEGER NOT NULL REFERENCES members (id),
    email      TEXT    NOT NULL,
    token      TEXT    NOT NULL,
    created_at TEXT    NOT NULL DEFAULT CURRENT_TIMESTAMP
);
INSERT INTO project_invites (member_id, email, token) VALUES (1, 'zoe@crew.example', 'inv-1');
