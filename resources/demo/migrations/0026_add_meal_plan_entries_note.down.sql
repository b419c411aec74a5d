-- Reverts 0026: drops meal_plan_entries.note again.
ALTER TABLE meal_plan_entries DROP COLUMN note;
