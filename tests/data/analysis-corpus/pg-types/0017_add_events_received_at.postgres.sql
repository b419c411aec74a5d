-- Trail 3.1: when the tracker received each event. now() is stable, so the
-- default is stored once and no row is rewritten.
-- backstep: backward-compatible
-- expect: compatible add-column-with-default
ALTER TABLE events ADD COLUMN received_at timestamptz NOT NULL DEFAULT now();
