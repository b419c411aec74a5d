-- Larder 1.0.0: recipes, with one optional photo link each.
-- backstep: backward-compatible
CREATE TABLE recipes (
    id          SERIAL PRIMARY KEY,
    title       TEXT        NOT NULL,
    description TEXT,
    servings    INTEGER,
    photo_url   TEXT,
    created_by  INTEGER     REFERENCES users (id) ON DELETE SET NULL,
    created_at  TIMESTAMPTZ NOT NULL DEFAULT now(),
    updated_at  TIMESTAMPTZ
);
