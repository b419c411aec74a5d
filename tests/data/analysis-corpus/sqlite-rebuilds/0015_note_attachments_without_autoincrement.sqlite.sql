-- Jotter 3.0: attachments drop AUTOINCREMENT (and its sqlite_sequence row).
-- Ids are still generated, but as max(id) + 1: the id of a deleted last
-- attachment comes back, and older builds that cache attachment ids may meet
-- it again.
-- backstep: backward-compatible
-- expect: caution alter-identity
CREATE TABLE "note attachments new" (
    "id"        INTEGER PRIMARY KEY,
    "note id"   INTEGER NOT NULL,
    "File Name" TEXT    NOT NULL,
    "Mime Type" TEXT
);
INSERT INTO "note attachments new" ("id", "note id", "File Name", "Mime Type")
    SELECT "id", "note id", "File Name", "Mime Type" FROM "note attachments";
DROP TABLE "note attachments";
ALTER TABLE "note attachments new" RENAME TO "note attachments";
