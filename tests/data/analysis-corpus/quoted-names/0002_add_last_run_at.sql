-- Tally 1.1: when each report last ran (a quoted name with spaces).
-- backstep: backward-compatible
-- expect: compatible add-nullable-column
ALTER TABLE "ReportDefinitions" ADD COLUMN "Last Run At" TIMESTAMP;
