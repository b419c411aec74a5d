-- Tally 3.0: the ORM's new convention has no spaces in table names either.
-- expect: breaking rename-table
ALTER TABLE "Report Runs" RENAME TO "ReportRuns";
