-- Plans 3.0: "reporting" becomes "analytics". Build 2.2 reads
-- reporting.plan_prices.
-- expect: breaking rename-schema
ALTER SCHEMA reporting RENAME TO analytics;
