-- Tills 3.0: the description is built in the application. Build 2.x still
-- calls describe_account().
-- expect: breaking drop-function
DROP FUNCTION describe_account(bigint);
