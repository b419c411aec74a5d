-- Trail 3.0: the domain is renamed to "email". Older builds name
-- email_address in their casts.
-- expect: breaking rename-type
ALTER DOMAIN email_address RENAME TO email;
