-- Tend 1.0 (a help desk): the support agents.
-- backstep: backward-compatible
-- expect: compatible create-table
CREATE TABLE agents (
    id    INTEGER PRIMARY KEY AUTOINCREMENT,
    email TEXT NOT NULL,
    name  TEXT NOT NULL,
    team  TEXT
);
INSERT INTO agents (email, name, team) VALUES
    ('kim@tend.example', 'Kim', 'billing'),
    ('lou@tend.example', 'Lou', NULL);
