-- Plans 3.1: reporting moved to the warehouse; the view and its schema go.
-- expect: breaking drop-view drop-schema
DROP VIEW analytics.plan_prices;
DROP SCHEMA analytics;
