using ArPlatform.BuildingBlocks.Persistence;
using ArPlatform.Invoices.Ledger;
using ArPlatform.Invoices.Persistence;

namespace ArPlatform.Invoices.Invoices;

/// <summary>Inserts many invoices and their ledger entries with one statement per table; lines go through EF (most bulk files carry totals only).</summary>
public static class InvoiceBulkInsert
{
    public static async Task InsertAsync(InvoicesDbContext db, List<Invoice> invoices, List<LedgerEntry> entries, CancellationToken cancellationToken)
    {
        await db.InsertEntitiesAsync(invoices, cancellationToken);
        await db.InsertEntitiesAsync(entries, cancellationToken);
        db.AddRange(invoices.SelectMany(i => i.Lines));
    }
}
