-- Shop 2.3: checkout asks for an optional note and whether to gift-wrap.
-- backstep: backward-compatible
-- expect: compatible add-nullable-column add-column-with-default
ALTER TABLE orders ADD COLUMN note TEXT;
ALTER TABLE orders ADD COLUMN gift_wrap BOOLEAN NOT NULL DEFAULT FALSE;
