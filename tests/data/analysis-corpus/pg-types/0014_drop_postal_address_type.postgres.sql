-- Trail 3.0: addresses became plain columns; build 2.3 still casts to the
-- composite type.
-- expect: breaking drop-type
DROP TYPE postal_address;
