using ArPlatform.BuildingBlocks.Persistence;
using ArPlatform.Contracts;
using ArPlatform.Reporting.Expected;
using ArPlatform.Reporting.Ledger;
using ArPlatform.Reporting.Persistence;
using Microsoft.EntityFrameworkCore;
using Npgsql;

namespace ArPlatform.Reporting.Aging;

/// <summary>Records issued invoices in Reporting's copy of receivables, in today's aging snapshot and in the ledger.</summary>
public static class AddReceivablesCommand
{
    /// <summary>
    /// Adds issued invoices with one insert (a bulk import brings thousands per message); an invoice already known
    /// is skipped, and only what was really added moves today's aging snapshot.
    /// </summary>
    public static async Task RunAsync(ReportingDbContext db, IReadOnlyList<InvoiceIssued> invoices, CancellationToken cancellationToken)
    {
        var snapshot = await AgingSnapshot.LockAsync(db, cancellationToken);
        var added = await db.SkippingExistingAsync(suffix => InsertAsync(db, invoices, suffix, cancellationToken), cancellationToken);
        await AgingSnapshot.ApplyAsync(db, snapshot, [.. added.Select(a => a.Delta)], cancellationToken);
        await LedgerWriter.ApplyAsync(db, added.SelectMany(a => LedgerPostings.OfInvoice(a.Delta.CustomerId, a.Delta.EffectiveDate, a.Delta.DueDate, a.Delta.Amount)),
            cancellationToken);
        await OpenItems.AddAsync(db, added.Select(a => new OpenItemChange(a.InvoiceId, a.Delta.CustomerId, a.Delta.DueDate, a.Delta.Amount)), cancellationToken);
    }

    /// <summary>Inserts the invoices; returns what each one inserted adds (one the suffix skips adds nothing).</summary>
    private static async Task<List<(Guid InvoiceId, AgingDelta Delta)>> InsertAsync(ReportingDbContext db, IReadOnlyList<InvoiceIssued> invoices, string suffix, CancellationToken cancellationToken)
    {
        var connection = (NpgsqlConnection)db.Database.GetDbConnection();
        await using var command = connection.CreateCommand();
        command.CommandText = $"""
            INSERT INTO receivables (invoice_id, tenant_id, customer_id, number, invoice_date, due_date, amount, currency, dealer_code)
            SELECT unnest(@invoice_id), unnest(@tenant_id), unnest(@customer_id), unnest(@number), unnest(@invoice_date), unnest(@due_date), unnest(@amount),
                   unnest(@currency), unnest(@dealer_code)
            {suffix}
            RETURNING customer_id, due_date, invoice_date, amount, invoice_id
            """;
        command.Parameters.Add(new NpgsqlParameter<Guid[]>("invoice_id", [.. invoices.Select(i => i.InvoiceId)]));
        command.Parameters.Add(new NpgsqlParameter<Guid[]>("tenant_id", [.. invoices.Select(i => i.TenantId)]));
        command.Parameters.Add(new NpgsqlParameter<Guid[]>("customer_id", [.. invoices.Select(i => i.CustomerId)]));
        command.Parameters.Add(new NpgsqlParameter<string[]>("number", [.. invoices.Select(i => i.Number)]));
        command.Parameters.Add(new NpgsqlParameter<DateOnly[]>("invoice_date", [.. invoices.Select(i => i.InvoiceDate)]));
        command.Parameters.Add(new NpgsqlParameter<DateOnly[]>("due_date", [.. invoices.Select(i => i.DueDate)]));
        command.Parameters.Add(new NpgsqlParameter<decimal[]>("amount", [.. invoices.Select(i => i.Amount)]));
        command.Parameters.Add(new NpgsqlParameter<string[]>("currency", [.. invoices.Select(i => i.Currency)]));
        command.Parameters.Add(new NpgsqlParameter<string?[]>("dealer_code", [.. invoices.Select(i => i.DealerCode)]));
        var added = new List<(Guid, AgingDelta)>(invoices.Count);
        await using (var reader = await command.ExecuteReaderAsync(cancellationToken))
        {
            while (await reader.ReadAsync(cancellationToken))
            {
                added.Add((reader.GetGuid(4), new AgingDelta(reader.GetGuid(0), reader.GetFieldValue<DateOnly>(1), reader.GetFieldValue<DateOnly>(2), reader.GetDecimal(3))));
            }
        }

        return added;
    }
}
