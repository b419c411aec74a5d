-- Plans 2.1: plans are shown on the public pricing page and move to the
-- public schema. Older builds query billing.plans.
-- expect: breaking set-schema
ALTER TABLE billing.plans SET SCHEMA public;
