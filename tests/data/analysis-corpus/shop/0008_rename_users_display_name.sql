-- Shop 2.0: "display name" becomes "full name" everywhere, including the
-- column. Builds before 2.0 still select display_name.
-- expect: breaking rename-column
ALTER TABLE users RENAME COLUMN display_name TO full_name;
