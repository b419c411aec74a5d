-- Trail 2.3: a composite type for the address functions of the next release.
-- backstep: backward-compatible
-- expect: compatible create-other
CREATE TYPE postal_address AS (
    street   text,
    city     text,
    postcode text
);
