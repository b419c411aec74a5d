-- Shop 1.1: prices get a currency; every existing price is in euros, and older
-- builds that do not name the column get the default.
-- backstep: backward-compatible
-- expect: compatible add-column-with-default
ALTER TABLE products ADD COLUMN currency TEXT NOT NULL DEFAULT 'EUR';
