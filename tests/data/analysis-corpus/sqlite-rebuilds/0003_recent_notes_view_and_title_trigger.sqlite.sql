-- Jotter 1.1: a view for the start page, and a trigger that gives untitled
-- notes a title from their body (a CASE and semicolons in the body).
-- backstep: backward-compatible
-- expect: compatible create-view create-other
CREATE VIEW recent_notes AS
SELECT id, title, created_at FROM notes ORDER BY created_at DESC LIMIT 50;

CREATE TRIGGER notes_default_title
AFTER INSERT ON notes
FOR EACH ROW
WHEN NEW.title = ''
BEGIN
    UPDATE notes
       SET title = CASE WHEN NEW.body IS NULL THEN 'Untitled; empty'
                        ELSE substr(NEW.body, 1, 40) END
     WHERE id = NEW.id;
END;
