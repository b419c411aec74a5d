-- Trail 3.2: events reference their account. NOT VALID avoids the long scan,
-- not the enforcement on new rows.
-- expect: breaking add-foreign-key
ALTER TABLE events
    ADD CONSTRAINT events_account_id_fkey FOREIGN KEY (account_id) REFERENCES accounts (id) NOT VALID;
