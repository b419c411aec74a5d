-- Jotter 3.0: link metadata is always text. A column declared without a type
-- has BLOB affinity; TEXT affinity turns numbers older builds store into
-- strings when they read them back.
-- expect: breaking change-column-type
CREATE TABLE note_links_new (
    note_id INTEGER NOT NULL,
    url     TEXT    NOT NULL CHECK (url LIKE 'https://%'),
    meta    TEXT,
    PRIMARY KEY (note_id, url)
);
INSERT INTO note_links_new (note_id, url, meta) SELECT note_id, url, meta FROM note_links;
DROP TABLE note_links;
ALTER TABLE note_links_new RENAME TO note_links;
