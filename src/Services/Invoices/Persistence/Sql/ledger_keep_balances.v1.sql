-- Keeps each invoice's open amount, written-off and debited sums and each payment's unapplied amount as ledger entries
-- are posted (ADR 0015); an invoice's own entry is skipped, as the invoice is inserted with its amount open.
-- Created by migration LedgerBalances. A released version is never edited: a change is a new version and migration.
CREATE FUNCTION ledger_keep_balances() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF NEW.invoice_id IS NOT NULL THEN
        UPDATE invoices SET open_amount = open_amount + NEW.amount,
            written_off = written_off - CASE WHEN NEW.kind = 'write_off' THEN NEW.amount ELSE 0 END,
            debited = debited + CASE WHEN NEW.kind = 'debit_note' THEN NEW.amount ELSE 0 END
        WHERE id = NEW.invoice_id AND tenant_id = NEW.tenant_id;
        IF NOT FOUND THEN
            RAISE EXCEPTION 'ledger entry % names invoice %, which this tenant does not have', NEW.id, NEW.invoice_id
                USING ERRCODE = 'foreign_key_violation';
        END IF;
    ELSIF NEW.payment_id IS NOT NULL THEN
        UPDATE payments SET unapplied_amount = unapplied_amount - NEW.amount
        WHERE id = NEW.payment_id AND tenant_id = NEW.tenant_id;
        IF NOT FOUND THEN
            RAISE EXCEPTION 'ledger entry % names payment %, which this tenant does not have', NEW.id, NEW.payment_id
                USING ERRCODE = 'foreign_key_violation';
        END IF;
    END IF;
    RETURN NULL;
END $$;
CREATE TRIGGER ledger_entries_keep_balances AFTER INSERT ON ledger_entries
    FOR EACH ROW WHEN (NEW.kind <> 'invoice') EXECUTE FUNCTION ledger_keep_balances();
