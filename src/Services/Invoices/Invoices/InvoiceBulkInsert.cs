using ArPlatform.Invoices.Ledger;
using ArPlatform.Invoices.Persistence;
using Microsoft.EntityFrameworkCore;
using Npgsql;

namespace ArPlatform.Invoices.Invoices;

/// <summary>
/// Inserts many invoices and their ledger entries with one statement per table (INSERT ... SELECT FROM unnest of
/// arrays). COPY would be faster still but PostgreSQL refuses COPY FROM into tables under row-level security.
/// Runs in the caller's transaction; lines go through EF (most bulk files carry totals only).
/// </summary>
public static class InvoiceBulkInsert
{
    public static async Task InsertAsync(InvoicesDbContext db, List<Invoice> invoices, List<LedgerEntry> entries, CancellationToken cancellationToken)
    {
        var connection = (NpgsqlConnection)db.Database.GetDbConnection();
        await using (var command = connection.CreateCommand())
        {
            command.CommandText = """
                INSERT INTO invoices (id, tenant_id, number, customer_id, customer_code, invoice_date, due_date, amount, currency, net_days,
                    discount_percent, discount_days, taxable_value, cgst, sgst, igst, po_reference, dealer_code, statutory_form,
                    expected_tds_section, expected_tds_rate, created_at)
                SELECT * FROM unnest(@id, @tenant_id, @number, @customer_id, @customer_code, @invoice_date, @due_date, @amount, @currency, @net_days,
                    @discount_percent, @discount_days, @taxable_value, @cgst, @sgst, @igst, @po_reference, @dealer_code, @statutory_form,
                    @expected_tds_section, @expected_tds_rate, @created_at)
                """;
            Add(command, "id", invoices.Select(i => i.Id));
            Add(command, "tenant_id", invoices.Select(i => i.TenantId));
            Add(command, "number", invoices.Select(i => i.Number));
            Add(command, "customer_id", invoices.Select(i => i.CustomerId));
            Add(command, "customer_code", invoices.Select(i => i.CustomerCode));
            Add(command, "invoice_date", invoices.Select(i => i.InvoiceDate));
            Add(command, "due_date", invoices.Select(i => i.DueDate));
            Add(command, "amount", invoices.Select(i => i.Amount));
            Add(command, "currency", invoices.Select(i => i.Currency));
            Add(command, "net_days", invoices.Select(i => i.NetDays));
            Add(command, "discount_percent", invoices.Select(i => i.DiscountPercent));
            Add(command, "discount_days", invoices.Select(i => i.DiscountDays));
            Add(command, "taxable_value", invoices.Select(i => i.TaxableValue));
            Add(command, "cgst", invoices.Select(i => i.Cgst));
            Add(command, "sgst", invoices.Select(i => i.Sgst));
            Add(command, "igst", invoices.Select(i => i.Igst));
            Add(command, "po_reference", invoices.Select(i => i.PoReference));
            Add(command, "dealer_code", invoices.Select(i => i.DealerCode));
            Add(command, "statutory_form", invoices.Select(i => i.StatutoryForm));
            Add(command, "expected_tds_section", invoices.Select(i => i.ExpectedTdsSection));
            Add(command, "expected_tds_rate", invoices.Select(i => i.ExpectedTdsRate));
            Add(command, "created_at", invoices.Select(i => i.CreatedAt));
            await command.ExecuteNonQueryAsync(cancellationToken);
        }

        await using (var command = connection.CreateCommand())
        {
            command.CommandText = """
                INSERT INTO ledger_entries (id, tenant_id, customer_id, invoice_id, kind, amount, effective_date, recorded_at)
                SELECT * FROM unnest(@id, @tenant_id, @customer_id, @invoice_id, @kind, @amount, @effective_date, @recorded_at)
                """;
            Add(command, "id", entries.Select(e => e.Id));
            Add(command, "tenant_id", entries.Select(e => e.TenantId));
            Add(command, "customer_id", entries.Select(e => e.CustomerId));
            Add(command, "invoice_id", entries.Select(e => e.InvoiceId!.Value));
            Add(command, "kind", entries.Select(e => e.Kind));
            Add(command, "amount", entries.Select(e => e.Amount));
            Add(command, "effective_date", entries.Select(e => e.EffectiveDate));
            Add(command, "recorded_at", entries.Select(e => e.RecordedAt));
            await command.ExecuteNonQueryAsync(cancellationToken);
        }

        db.AddRange(invoices.SelectMany(i => i.Lines));
    }

    private static void Add<T>(NpgsqlCommand command, string name, IEnumerable<T> values) =>
        command.Parameters.Add(new NpgsqlParameter<T[]>(name, values.ToArray()));
}
