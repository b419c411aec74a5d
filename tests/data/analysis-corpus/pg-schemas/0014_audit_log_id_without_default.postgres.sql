-- Plans 4.0: audit ids are assigned by the application (ULIDs hashed to
-- integers). Dropping the nextval() default is dropping the column's
-- generated id: older builds insert without an id and now fail.
-- expect: breaking drop-identity
ALTER TABLE audit_log ALTER COLUMN id DROP DEFAULT;
