-- Shop 2.2: the wish list experiment is over. Build 2.1 still reads the table.
-- expect: breaking drop-table
DROP TABLE wishlists;
