-- Crew 2.0: stars become an average rating. Mislabelled: integer to
-- numeric(3,1) changes the type older builds decode.
-- backstep: backward-compatible
-- expect: breaking change-column-type table-rewrite
ALTER TABLE projects ALTER COLUMN star_count TYPE numeric(3,1);
