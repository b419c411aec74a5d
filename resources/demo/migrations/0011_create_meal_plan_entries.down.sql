-- Reverts 0011: removes the meal planner and everything planned in it.
DROP TABLE meal_plan_entries;
