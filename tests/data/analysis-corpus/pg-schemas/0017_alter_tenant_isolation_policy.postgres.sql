-- Plans 4.2: support staff see every tenant's documents. Older builds rely on
-- the policy to hide other tenants' rows.
-- backstep: backward-compatible
-- expect: caution drop-policy
ALTER POLICY tenant_isolation ON documents
    USING (tenant_id = current_setting('app.tenant_id', true)::bigint
           OR current_setting('app.role', true) = 'support');
