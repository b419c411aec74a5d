-- Tally 2.1: two data fixes in one file, between comments and strings that
-- hold semicolons, quotes and dashes.
-- backstep: backward-compatible
-- expect: caution rewrite-rows
/* Titles from the 1.x importer carry a trailing " (imported)"; strip it.
   This block comment has semicolons; and a 'quote; in it. */
UPDATE "ReportDefinitions"
   SET "Title" = replace("Title", ' (imported)', '')
 WHERE "Title" LIKE '% (imported)';

-- The monthly report's new title holds a semicolon; and two dashes: keep them.
UPDATE "ReportDefinitions"
   SET "Title" = 'Sales; by region -- monthly, "all" regions'
 WHERE "Title" = 'Sales by region';
