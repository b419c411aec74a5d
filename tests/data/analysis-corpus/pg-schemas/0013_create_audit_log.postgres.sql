-- Plans 3.2: an audit log with a serial id (the older idiom: a sequence owned
-- by the column and a nextval() default).
-- backstep: backward-compatible
-- expect: compatible create-table
CREATE TABLE audit_log (
    id         serial PRIMARY KEY,
    action     text        NOT NULL,
    created_at timestamptz NOT NULL DEFAULT now()
);
INSERT INTO audit_log (action) VALUES ('plans.created');
