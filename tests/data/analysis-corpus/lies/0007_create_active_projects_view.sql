-- Crew 1.2: the board lists active projects through a view. Over-cautious.
-- expect: compatible create-view
CREATE VIEW active_projects AS
SELECT id, member_id, title FROM projects WHERE NOT archived;
