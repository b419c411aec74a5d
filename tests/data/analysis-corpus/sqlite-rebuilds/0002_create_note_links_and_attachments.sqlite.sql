-- Jotter 1.0: links found in notes (meta is declared without a type, so it
-- has BLOB affinity) and attachments, in a table whose name has a space.
-- backstep: backward-compatible
-- expect: compatible create-table
CREATE TABLE note_links (
    note_id INTEGER NOT NULL,
    url     TEXT    NOT NULL,
    meta
);
CREATE TABLE "note attachments" (
    "id"        INTEGER PRIMARY KEY AUTOINCREMENT,
    "note id"   INTEGER NOT NULL,
    "File Name" TEXT    NOT NULL
);
INSERT INTO note_links (note_id, url, meta) VALUES
    (1, 'https://shop.example/oat-milk', 42),
    (2, 'https://meet.example/standup', 'recurring');
INSERT INTO "note attachments" ("note id", "File Name") VALUES (1, 'list.pdf');
