-- Tend 2.1: the application sets updated_at itself now. Builds before 2.1 do
-- not, and relied on the trigger.
-- expect: breaking drop-trigger
DROP TRIGGER tickets_touch_updated_at;
