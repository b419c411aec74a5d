-- Tally 2.1: one row per run of a report, in a table whose name has a space.
-- backstep: backward-compatible
-- expect: compatible create-table create-index
CREATE TABLE "Report Runs" (
    "Id"         INTEGER PRIMARY KEY AUTOINCREMENT,
    "Report Id"  INTEGER NOT NULL REFERENCES "ReportDefinitions" ("Id") ON DELETE CASCADE,
    "Started At" TEXT    NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "Error Text" TEXT,
    "Row Count"  INTEGER
);
CREATE INDEX "IX Report Runs Report Id" ON "Report Runs" ("Report Id");
INSERT INTO "Report Runs" ("Report Id", "Error Text", "Row Count") VALUES
    (1, NULL, 42),
    (2, 'timeout; retried', NULL);
