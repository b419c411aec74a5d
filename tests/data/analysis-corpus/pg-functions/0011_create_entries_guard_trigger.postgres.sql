-- Tills 3.1: posted entries are immutable; a trigger rejects changes to them.
-- backstep: backward-compatible
-- expect: compatible create-view create-other
CREATE FUNCTION entries_guard() RETURNS trigger
LANGUAGE plpgsql AS $guard$
BEGIN
    IF OLD.posted THEN
        RAISE EXCEPTION 'entry % is posted; book a correction instead', OLD.id
            USING HINT = $hint$create a new entry; never edit a posted one$hint$;
    END IF;
    RETURN NEW;
END;
$guard$;

CREATE TRIGGER entries_guard
BEFORE UPDATE ON entries
FOR EACH ROW EXECUTE FUNCTION entries_guard();
