using ArPlatform.BuildingBlocks.Persistence;
using ArPlatform.Invoices.Ledger;
using ArPlatform.Invoices.Persistence;

namespace ArPlatform.Invoices.Invoices;

/// <summary>Inserts many invoices and their ledger entries with one statement per table; lines go through EF (most bulk files carry totals only).</summary>
public static class InvoiceBulkInsert
{
    public static async Task InsertAsync(InvoicesDbContext db, List<Invoice> invoices, List<LedgerEntry> entries, CancellationToken cancellationToken)
    {
        await db.InsertManyAsync("invoices",
        [
            ("id", invoices.Select(i => i.Id).ToArray()),
            ("tenant_id", invoices.Select(i => i.TenantId).ToArray()),
            ("number", invoices.Select(i => i.Number).ToArray()),
            ("customer_id", invoices.Select(i => i.CustomerId).ToArray()),
            ("customer_code", invoices.Select(i => i.CustomerCode).ToArray()),
            ("invoice_date", invoices.Select(i => i.InvoiceDate).ToArray()),
            ("due_date", invoices.Select(i => i.DueDate).ToArray()),
            ("amount", invoices.Select(i => i.Amount).ToArray()),
            ("currency", invoices.Select(i => i.Currency).ToArray()),
            ("net_days", invoices.Select(i => i.NetDays).ToArray()),
            ("discount_percent", invoices.Select(i => i.DiscountPercent).ToArray()),
            ("discount_days", invoices.Select(i => i.DiscountDays).ToArray()),
            ("taxable_value", invoices.Select(i => i.TaxableValue).ToArray()),
            ("cgst", invoices.Select(i => i.Cgst).ToArray()),
            ("sgst", invoices.Select(i => i.Sgst).ToArray()),
            ("igst", invoices.Select(i => i.Igst).ToArray()),
            ("po_reference", invoices.Select(i => i.PoReference).ToArray()),
            ("dealer_code", invoices.Select(i => i.DealerCode).ToArray()),
            ("statutory_form", invoices.Select(i => i.StatutoryForm).ToArray()),
            ("expected_tds_section", invoices.Select(i => i.ExpectedTdsSection).ToArray()),
            ("expected_tds_rate", invoices.Select(i => i.ExpectedTdsRate).ToArray()),
            ("created_at", invoices.Select(i => i.CreatedAt).ToArray()),
        ], cancellationToken: cancellationToken);
        await db.InsertManyAsync("ledger_entries",
        [
            ("id", entries.Select(e => e.Id).ToArray()),
            ("tenant_id", entries.Select(e => e.TenantId).ToArray()),
            ("customer_id", entries.Select(e => e.CustomerId).ToArray()),
            ("invoice_id", entries.Select(e => e.InvoiceId!.Value).ToArray()),
            ("kind", entries.Select(e => e.Kind).ToArray()),
            ("amount", entries.Select(e => e.Amount).ToArray()),
            ("effective_date", entries.Select(e => e.EffectiveDate).ToArray()),
            ("recorded_at", entries.Select(e => e.RecordedAt).ToArray()),
        ], cancellationToken: cancellationToken);
        db.AddRange(invoices.SelectMany(i => i.Lines));
    }
}
