-- Jotter 2.1: a link is stored once per note. Older builds insert the same
-- link again on every save; that now fails.
-- expect: breaking add-primary-key
CREATE TABLE note_links_new (
    note_id INTEGER NOT NULL,
    url     TEXT    NOT NULL,
    meta,
    PRIMARY KEY (note_id, url)
);
INSERT INTO note_links_new (note_id, url, meta)
    SELECT note_id, url, max(meta) FROM note_links GROUP BY note_id, url;
DROP TABLE note_links;
ALTER TABLE note_links_new RENAME TO note_links;
