-- Crew 1.1: longer project titles. Over-cautious: varchar(120) to text is a
-- widening within the family.
-- expect: compatible widen-column-type
ALTER TABLE projects ALTER COLUMN title TYPE text;
