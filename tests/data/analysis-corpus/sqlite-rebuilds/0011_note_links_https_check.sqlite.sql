-- Jotter 2.3: only https links are stored. Older builds still store http
-- links, which the new CHECK rejects.
-- expect: breaking add-check-constraint
CREATE TABLE note_links_new (
    note_id INTEGER NOT NULL,
    url     TEXT    NOT NULL CHECK (url LIKE 'https://%'),
    meta,
    PRIMARY KEY (note_id, url)
);
INSERT INTO note_links_new (note_id, url, meta) SELECT note_id, url, meta FROM note_links;
DROP TABLE note_links;
ALTER TABLE note_links_new RENAME TO note_links;
