-- Larder 1.4.0: record when an item was put on a shopping list.
-- backstep: backward-compatible
ALTER TABLE shopping_list_items ADD COLUMN added_at TIMESTAMPTZ DEFAULT now();
