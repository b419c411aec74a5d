-- Trail 2.2: the type is called order_state in the new domain model. Older
-- builds cast parameters with ::order_status.
-- expect: breaking rename-type
ALTER TYPE order_status RENAME TO order_state;
