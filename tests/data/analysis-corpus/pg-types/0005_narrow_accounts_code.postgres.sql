-- Trail 2.0: account codes are at most 50 characters (varchar(100) to
-- varchar(50)): older builds may still write longer codes, which now fail.
-- expect: breaking change-column-type table-rewrite
ALTER TABLE accounts ALTER COLUMN code TYPE varchar(50);
