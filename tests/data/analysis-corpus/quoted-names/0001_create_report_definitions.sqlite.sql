-- Tally 1.0 (a reporting app whose schema came from an ORM that quotes every
-- name): report definitions, with PascalCase names and a name with a space.
-- backstep: backward-compatible
-- expect: compatible create-table
CREATE TABLE "ReportDefinitions" (
    "Id"          INTEGER PRIMARY KEY AUTOINCREMENT,
    "Title"       TEXT NOT NULL,
    "Owner Email" TEXT,
    "Schedule"    TEXT,
    "CreatedAt"   TEXT NOT NULL DEFAULT CURRENT_TIMESTAMP
);
INSERT INTO "ReportDefinitions" ("Title", "Owner Email", "Schedule") VALUES
    ('Sales by region', 'cfo@tally.example', 'monthly'),
    ('Stock levels (imported)', NULL, 'daily');
