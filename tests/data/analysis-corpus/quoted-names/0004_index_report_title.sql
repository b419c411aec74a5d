-- Tally 2.0: the report picker searches by title. The index name is quoted
-- too; on PostgreSQL the plain CREATE INDEX blocks writes while it builds.
-- backstep: backward-compatible
-- expect sqlite: compatible create-index
-- expect postgres: caution create-index-blocking
CREATE INDEX "IX_ReportDefinitions_Title" ON "ReportDefinitions" ("Title");
