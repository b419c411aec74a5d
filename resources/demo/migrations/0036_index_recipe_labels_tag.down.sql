-- Reverts 0036: drops the label index.
DROP INDEX idx_recipe_labels_tag;
