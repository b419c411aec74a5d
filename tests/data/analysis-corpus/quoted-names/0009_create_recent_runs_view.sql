-- Tally 3.1: a view for the dashboard, under a quoted name with a space.
-- backstep: backward-compatible
-- expect: compatible create-view
CREATE VIEW "Recent Runs" AS
SELECT r."Id", d."Title", r."Started At", r."Row Count"
FROM "ReportRuns" r
JOIN "ReportDefinitions" d ON d."Id" = r."Report Id";
