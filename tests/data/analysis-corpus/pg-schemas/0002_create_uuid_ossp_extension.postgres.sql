-- Plans 1.0: the reporting queries derive stable ids with uuid_generate_v5().
-- An extension name that needs quoting.
-- backstep: backward-compatible
-- expect: compatible create-other
CREATE EXTENSION IF NOT EXISTS "uuid-ossp";
