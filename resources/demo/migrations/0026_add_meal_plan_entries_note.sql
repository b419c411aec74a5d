-- Larder 1.5.0: a free-text note on a planned meal ("double it, guests").
-- backstep: backward-compatible
ALTER TABLE meal_plan_entries ADD COLUMN note TEXT;
