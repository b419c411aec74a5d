-- Jotter 3.1: the ORM maps ids to BIGINT for the sync server. On SQLite only
-- a column declared exactly INTEGER PRIMARY KEY is the rowid: a BIGINT
-- primary key is an ordinary column, so the database no longer generates the
-- id and older builds, which insert without one, fail on NOT NULL. The
-- declared type itself keeps its INTEGER affinity.
-- expect: breaking drop-identity widen-column-type
CREATE TABLE "note attachments new" (
    "id"        BIGINT  NOT NULL PRIMARY KEY,
    "note id"   INTEGER NOT NULL,
    "File Name" TEXT    NOT NULL,
    "Mime Type" TEXT
);
INSERT INTO "note attachments new" ("id", "note id", "File Name", "Mime Type")
    SELECT "id", "note id", "File Name", "Mime Type" FROM "note attachments";
DROP TABLE "note attachments";
ALTER TABLE "note attachments new" RENAME TO "note attachments";
