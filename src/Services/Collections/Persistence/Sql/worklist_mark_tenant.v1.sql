-- A strategy applies to every account of its tenant: a write to one marks them all (ADR 0020).
-- Created by migration KeptWorklist. A released version is never edited: a change is a new version and migration.
CREATE FUNCTION worklist_mark_tenant() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    INSERT INTO worklist_stale (customer_id, tenant_id, marked_at)
    SELECT customer_id, tenant_id, now() FROM accounts WHERE tenant_id IN (SELECT DISTINCT tenant_id FROM changed);
    RETURN NULL;
END $$;
CREATE TRIGGER worklist_inserted AFTER INSERT ON strategies REFERENCING NEW TABLE AS changed FOR EACH STATEMENT EXECUTE FUNCTION worklist_mark_tenant();
CREATE TRIGGER worklist_updated AFTER UPDATE ON strategies REFERENCING NEW TABLE AS changed FOR EACH STATEMENT EXECUTE FUNCTION worklist_mark_tenant();
CREATE TRIGGER worklist_deleted AFTER DELETE ON strategies REFERENCING OLD TABLE AS changed FOR EACH STATEMENT EXECUTE FUNCTION worklist_mark_tenant();
