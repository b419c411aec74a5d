-- Jotter 2.4: attachments record their MIME type. A rebuild of a table whose
-- name and columns need quoting; net effect: one nullable column.
-- backstep: backward-compatible
-- expect: compatible add-nullable-column
CREATE TABLE "note attachments new" (
    "id"        INTEGER PRIMARY KEY AUTOINCREMENT,
    "note id"   INTEGER NOT NULL,
    "File Name" TEXT    NOT NULL,
    "Mime Type" TEXT
);
INSERT INTO "note attachments new" ("id", "note id", "File Name")
    SELECT "id", "note id", "File Name" FROM "note attachments";
DROP TABLE "note attachments";
ALTER TABLE "note attachments new" RENAME TO "note attachments";
