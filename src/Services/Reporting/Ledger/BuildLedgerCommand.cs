using ArPlatform.BuildingBlocks.Persistence;
using ArPlatform.Reporting.Aging;
using ArPlatform.Reporting.Expected;
using ArPlatform.Reporting.Periodic;
using ArPlatform.Reporting.Persistence;
using Microsoft.EntityFrameworkCore;

namespace ArPlatform.Reporting.Ledger;

/// <summary>
/// Builds a tenant's ledger from its event tables (receivables and settlements) through <see cref="LedgerPostings"/>,
/// the rule every change goes through. It runs once per tenant, on the first read that needs the ledger, under the
/// exclusive form of the tenant's change lock: it waits for the changes in flight, and the changes after it find the
/// ledger built and add to it.
/// </summary>
public static class BuildLedgerCommand
{
    private const int RowsPerInsert = 20_000;

    public static async Task EnsureBuiltAsync(ReportingDbContext db, TimeProvider clock, CancellationToken cancellationToken = default)
    {
        var tenant = db.Tenant.RequiredTenantId;
        if (await db.LedgerStates.AnyAsync(s => s.TenantId == tenant, cancellationToken))
        {
            return;
        }

        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        await AgingSnapshot.EnsureStateAsync(db, tenant, cancellationToken);
        await db.Database.ExecuteSqlAsync($"SELECT 1 FROM aging_snapshots WHERE tenant_id = {tenant} FOR UPDATE", cancellationToken);
        if (await db.LedgerStates.AnyAsync(s => s.TenantId == tenant, cancellationToken))
        {
            return; // another request built it while this one waited
        }

        var days = new Dictionary<(Guid CustomerId, DateOnly Day), LedgerAmounts>();
        void Add(IEnumerable<LedgerPosting> postings)
        {
            foreach (var posting in postings)
            {
                days[(posting.CustomerId, posting.Day)] = days.GetValueOrDefault((posting.CustomerId, posting.Day)) + posting.Amounts;
            }
        }

        // The rule is linear in the amount, so it is applied to sums of invoices and settlements that share every other input.
        await foreach (var r in db.Receivables.AsNoTracking().GroupBy(r => new { r.CustomerId, r.InvoiceDate, r.DueDate })
            .Select(g => new { g.Key.CustomerId, g.Key.InvoiceDate, g.Key.DueDate, Amount = g.Sum(r => r.Amount) }).AsAsyncEnumerable().WithCancellation(cancellationToken))
        {
            Add(LedgerPostings.OfInvoice(r.CustomerId, r.InvoiceDate, r.DueDate, r.Amount));
        }

        await foreach (var s in db.Settlements.AsNoTracking().GroupBy(s => new { s.Kind, s.CustomerId, s.DueDate, s.EffectiveDate })
            .Select(g => new { g.Key.Kind, g.Key.CustomerId, g.Key.DueDate, g.Key.EffectiveDate, Amount = g.Sum(s => s.Amount) })
            .AsAsyncEnumerable().WithCancellation(cancellationToken))
        {
            Add(LedgerPostings.OfSettlement(s.Kind, s.CustomerId, s.DueDate, s.EffectiveDate, s.Amount));
        }

        var entries = days.Where(d => !d.Value.IsZero).Select(d => (d.Key.CustomerId, d.Key.Day, d.Value)).ToList();
        await InsertAsync(db, "ledger_days", "day", "customer_id", tenant, entries, cancellationToken);
        await InsertAsync(db, "ledger_months", "month", "customer_id", tenant,
            Sum(entries, e => (e.CustomerId, LedgerPostings.MonthOf(e.Day))), cancellationToken);
        await InsertAsync(db, "tenant_ledger_days", "day", "slot", tenant, Sum(entries, e => (Guid.Empty, e.Day)), cancellationToken);
        await InsertAsync(db, "tenant_ledger_months", "month", "slot", tenant,
            Sum(entries, e => (Guid.Empty, LedgerPostings.MonthOf(e.Day))), cancellationToken);
        await OpenItems.RebuildAsync(db, tenant, cancellationToken);
        await ReportTenants.KnowAsync(db, tenant, clock.GetUtcNow(), cancellationToken);
        db.LedgerStates.Add(new LedgerState { TenantId = tenant, BuiltAt = clock.GetUtcNow() });
        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
    }

    private static List<(Guid CustomerId, DateOnly Day, LedgerAmounts Amounts)> Sum(
        List<(Guid CustomerId, DateOnly Day, LedgerAmounts Amounts)> entries, Func<(Guid CustomerId, DateOnly Day, LedgerAmounts Amounts), (Guid, DateOnly)> key) =>
        [.. entries.GroupBy(key).Select(g => (g.Key.Item1, g.Key.Item2, g.Aggregate(default(LedgerAmounts), (sum, e) => sum + e.Amounts)))
            .Where(e => !e.Item3.IsZero)];

    /// <summary>Inserts the entries in chunks; the tenant's own tables get them in slot 0 (<paramref name="keyColumn"/> "slot").</summary>
    private static async Task InsertAsync(ReportingDbContext db, string table, string dateColumn, string keyColumn, Guid tenant,
        List<(Guid CustomerId, DateOnly Day, LedgerAmounts Amounts)> entries, CancellationToken cancellationToken)
    {
        foreach (var chunk in entries.Chunk(RowsPerInsert))
        {
            List<(string, Array)> columns =
            [
                ("tenant_id", chunk.Select(_ => tenant).ToArray()),
                (dateColumn, chunk.Select(e => e.Day).ToArray()),
                (keyColumn, keyColumn == "slot" ? chunk.Select(_ => (short)0).ToArray() : chunk.Select(e => e.CustomerId).ToArray()),
            ];
            columns.AddRange(LedgerColumns.Values.Select(v => (v.Column, (Array)chunk.Select(e => v.Value(e.Amounts)).ToArray())));
            await db.InsertManyAsync(table, columns, cancellationToken: cancellationToken);
        }
    }
}
