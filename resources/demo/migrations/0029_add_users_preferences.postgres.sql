-- Larder 1.6.0: per-user preferences (units, week start) as a JSON object;
-- never NULL, an empty object by default.
-- backstep: backward-compatible
ALTER TABLE users ADD COLUMN preferences JSONB NOT NULL DEFAULT '{}'::jsonb;
