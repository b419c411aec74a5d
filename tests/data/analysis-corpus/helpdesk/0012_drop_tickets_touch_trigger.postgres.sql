-- Tend 2.1: the application sets updated_at itself now. Builds before 2.1 do
-- not, and relied on the trigger; its function goes too.
-- expect: breaking drop-trigger drop-function
DROP TRIGGER tickets_touch_updated_at ON tickets;
DROP FUNCTION tickets_touch_updated_at();
