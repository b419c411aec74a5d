-- Plans 5.0: tenants get separate databases; the policy goes.
-- expect: caution drop-policy
DROP POLICY tenant_isolation ON documents;
