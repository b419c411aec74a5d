-- Tally 2.0: the ORM's naming convention changed and dropped the space.
-- Build 1.x still selects "Owner Email".
-- expect: breaking rename-column
ALTER TABLE "ReportDefinitions" RENAME COLUMN "Owner Email" TO "OwnerEmail";
