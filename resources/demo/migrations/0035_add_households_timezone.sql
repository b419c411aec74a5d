-- Larder 2.1.0: a household's time zone, for meal-plan reminders; UTC unless
-- set.
-- backstep: backward-compatible
ALTER TABLE households ADD COLUMN timezone TEXT NOT NULL DEFAULT 'UTC';
