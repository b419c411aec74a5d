-- Tally 3.1: reports can be paused; every existing report is active.
-- backstep: backward-compatible
-- expect: compatible add-column-with-default
ALTER TABLE "ReportDefinitions" ADD COLUMN "Status" TEXT NOT NULL DEFAULT 'active';
