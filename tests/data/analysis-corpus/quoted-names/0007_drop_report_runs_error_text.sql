-- Tally 3.0: errors live in the log files now. Build 2.1 still writes
-- "Error Text".
-- expect: breaking drop-column
ALTER TABLE "Report Runs" DROP COLUMN "Error Text";
