-- Plans 2.2: a reporting schema with a view for the finance team.
-- backstep: backward-compatible
-- expect: compatible create-other create-view
CREATE SCHEMA reporting;
CREATE VIEW reporting.plan_prices AS
SELECT name, price_cents / 100.0 AS price FROM public.plans;
