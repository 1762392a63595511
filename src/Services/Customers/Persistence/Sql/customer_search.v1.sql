-- The matches come with their codes, read in the same heap visit as their tenant: a page of a search is then
-- ordered, cut and counted in one statement, and only its own rows are read back (not every match by id).
-- The words are matched alone behind OFFSET 0, which the tenant rule cannot be pushed into (stale statistics
-- must not make the planner walk the tenant's btree instead of the full-text index), and the rule is read once
-- (a scalar subquery) rather than for every row; the rows found by code or GSTIN are added only when their words
-- did not match, so nothing needs removing twice (ADR 0011).
-- Created by migration Baseline. A released version is never edited: a change is a new version and migration.
CREATE FUNCTION customer_search(words tsquery, exact text) RETURNS TABLE (id uuid, code varchar(50))
LANGUAGE sql STABLE SECURITY DEFINER SET search_path = public AS $$
    SELECT w.id, w.code FROM (SELECT c.id, c.tenant_id, c.code FROM customers c WHERE c.search_vector @@ words OFFSET 0) AS w
    WHERE w.tenant_id = (SELECT NULLIF(current_setting('app.tenant_id', true), '')::uuid)
    UNION ALL
    SELECT c.id, c.code FROM customers c
    WHERE c.tenant_id = (SELECT NULLIF(current_setting('app.tenant_id', true), '')::uuid) AND (c.code = exact OR c.gstin = upper(exact))
      AND NOT c.search_vector @@ words
$$;
