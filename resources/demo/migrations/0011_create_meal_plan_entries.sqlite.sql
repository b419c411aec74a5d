-- Larder 1.2.0: the weekly meal planner: which recipe is cooked for which meal
-- on which day.
CREATE TABLE meal_plan_entries (
    id          INTEGER PRIMARY KEY AUTOINCREMENT,
    planned_for DATE    NOT NULL,
    meal        TEXT    NOT NULL CHECK (meal IN ('breakfast', 'lunch', 'dinner', 'snack')),
    recipe_id   INTEGER NOT NULL REFERENCES recipes (id) ON DELETE CASCADE,
    servings    INTEGER
);
CREATE INDEX idx_meal_plan_entries_planned_for ON meal_plan_entries (planned_for);
