-- Crew 1.6: archived projects are purged. Not declared compatible; the
-- verdict is caution, so it is neither mislabelled nor over-cautious.
-- expect: caution rewrite-rows
DELETE FROM projects WHERE archived;
