-- Plans 5.0: ids are derived in the application now. Builds before 5.0 call
-- uuid_generate_v5() in their reporting queries.
-- expect: breaking drop-extension
DROP EXTENSION "uuid-ossp";
