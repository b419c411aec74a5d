-- Tills 3.0: closing a period is a background job now. Older builds CALL the
-- procedure from the "close month" button.
-- expect: breaking drop-function
DROP PROCEDURE close_period(date);
