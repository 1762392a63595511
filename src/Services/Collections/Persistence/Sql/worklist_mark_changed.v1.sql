-- Every write to what a worklist row is made of marks the account (ADR 0020), whoever writes: one statement per table
-- and statement, from its transition table. Marks are only inserted (no key but their own id), so writers never wait
-- on one another for them. This marks the accounts the changed rows name; worklist_mark_tenant marks a whole tenant.
-- Created by migration KeptWorklist. A released version is never edited: a change is a new version and migration.
CREATE FUNCTION worklist_mark_changed() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    INSERT INTO worklist_stale (customer_id, tenant_id, marked_at)
    SELECT DISTINCT customer_id, tenant_id, now() FROM changed;
    RETURN NULL;
END $$;
CREATE TRIGGER worklist_inserted AFTER INSERT ON accounts REFERENCING NEW TABLE AS changed FOR EACH STATEMENT EXECUTE FUNCTION worklist_mark_changed();
CREATE TRIGGER worklist_updated AFTER UPDATE ON accounts REFERENCING NEW TABLE AS changed FOR EACH STATEMENT EXECUTE FUNCTION worklist_mark_changed();
CREATE TRIGGER worklist_deleted AFTER DELETE ON accounts REFERENCING OLD TABLE AS changed FOR EACH STATEMENT EXECUTE FUNCTION worklist_mark_changed();
CREATE TRIGGER worklist_inserted AFTER INSERT ON items REFERENCING NEW TABLE AS changed FOR EACH STATEMENT EXECUTE FUNCTION worklist_mark_changed();
CREATE TRIGGER worklist_updated AFTER UPDATE ON items REFERENCING NEW TABLE AS changed FOR EACH STATEMENT EXECUTE FUNCTION worklist_mark_changed();
CREATE TRIGGER worklist_deleted AFTER DELETE ON items REFERENCING OLD TABLE AS changed FOR EACH STATEMENT EXECUTE FUNCTION worklist_mark_changed();
CREATE TRIGGER worklist_inserted AFTER INSERT ON promises REFERENCING NEW TABLE AS changed FOR EACH STATEMENT EXECUTE FUNCTION worklist_mark_changed();
CREATE TRIGGER worklist_updated AFTER UPDATE ON promises REFERENCING NEW TABLE AS changed FOR EACH STATEMENT EXECUTE FUNCTION worklist_mark_changed();
CREATE TRIGGER worklist_deleted AFTER DELETE ON promises REFERENCING OLD TABLE AS changed FOR EACH STATEMENT EXECUTE FUNCTION worklist_mark_changed();
CREATE TRIGGER worklist_inserted AFTER INSERT ON disputes REFERENCING NEW TABLE AS changed FOR EACH STATEMENT EXECUTE FUNCTION worklist_mark_changed();
CREATE TRIGGER worklist_updated AFTER UPDATE ON disputes REFERENCING NEW TABLE AS changed FOR EACH STATEMENT EXECUTE FUNCTION worklist_mark_changed();
CREATE TRIGGER worklist_deleted AFTER DELETE ON disputes REFERENCING OLD TABLE AS changed FOR EACH STATEMENT EXECUTE FUNCTION worklist_mark_changed();
CREATE TRIGGER worklist_inserted AFTER INSERT ON tasks REFERENCING NEW TABLE AS changed FOR EACH STATEMENT EXECUTE FUNCTION worklist_mark_changed();
CREATE TRIGGER worklist_updated AFTER UPDATE ON tasks REFERENCING NEW TABLE AS changed FOR EACH STATEMENT EXECUTE FUNCTION worklist_mark_changed();
CREATE TRIGGER worklist_deleted AFTER DELETE ON tasks REFERENCING OLD TABLE AS changed FOR EACH STATEMENT EXECUTE FUNCTION worklist_mark_changed();
