-- Larder 1.5.0: the single recipes.photo_url moves into recipe_photos, and the
-- column is dropped. Builds before 1.5.0 still select recipes.photo_url.
INSERT INTO recipe_photos (recipe_id, url, sort_order)
    SELECT id, photo_url, 0 FROM recipes WHERE photo_url IS NOT NULL;
ALTER TABLE recipes DROP COLUMN photo_url;
