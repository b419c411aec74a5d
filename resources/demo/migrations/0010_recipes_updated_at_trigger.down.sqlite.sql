-- Reverts 0010: recipes.updated_at is again only what the application writes.
DROP TRIGGER recipes_touch_updated_at;
