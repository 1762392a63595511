using ArPlatform.BuildingBlocks.Persistence;
using ArPlatform.Reporting.Persistence;
using Microsoft.EntityFrameworkCore;

namespace ArPlatform.Reporting.Expected;

/// <summary>
/// What is open on one invoice now: its amount less everything that settled it, kept by adding each change (so the
/// order in which an invoice and its payments arrive does not matter). Expected collections start from these.
/// </summary>
public sealed class OpenItem : ITenantOwned
{
    public Guid InvoiceId { get; set; }

    public Guid TenantId { get; set; }

    public Guid CustomerId { get; set; }

    public DateOnly DueDate { get; set; }

    public decimal OpenAmount { get; set; }
}

/// <summary>A change of an invoice's open amount: positive for the invoice (and a debit note), negative for what settles it.</summary>
public readonly record struct OpenItemChange(Guid InvoiceId, Guid CustomerId, DateOnly DueDate, decimal Amount);

public static class OpenItems
{
    public static Task AddAsync(ReportingDbContext db, IEnumerable<OpenItemChange> changes, CancellationToken cancellationToken)
    {
        var rows = changes.GroupBy(c => c.InvoiceId).Select(g => g.First() with { Amount = g.Sum(c => c.Amount) })
            .OrderBy(c => c.InvoiceId).ToList(); // one lock order for concurrent consumers
        return db.InsertManyAsync("open_items",
        [
            ("invoice_id", rows.Select(r => r.InvoiceId).ToArray()), ("tenant_id", rows.Select(_ => db.Tenant.RequiredTenantId).ToArray()),
            ("customer_id", rows.Select(r => r.CustomerId).ToArray()), ("due_date", rows.Select(r => r.DueDate).ToArray()),
            ("open_amount", rows.Select(r => r.Amount).ToArray()),
        ], "ON CONFLICT (invoice_id) DO UPDATE SET open_amount = open_items.open_amount + excluded.open_amount", cancellationToken);
    }

    /// <summary>The tenant's open items made again from the event tables (part of the ledger's build, under its lock).</summary>
    public static async Task RebuildAsync(ReportingDbContext db, Guid tenant, CancellationToken cancellationToken)
    {
        await db.Database.ExecuteSqlAsync($"DELETE FROM open_items WHERE tenant_id = {tenant}", cancellationToken);
        await db.Database.ExecuteSqlAsync($"""
            INSERT INTO open_items (invoice_id, tenant_id, customer_id, due_date, open_amount)
            SELECT invoice_id, {tenant}, (array_agg(customer_id))[1], (array_agg(due_date))[1], sum(amount)
            FROM (
                SELECT invoice_id, customer_id, due_date, amount FROM receivables WHERE tenant_id = {tenant}
                UNION ALL
                SELECT invoice_id, customer_id, due_date, -amount FROM settlements WHERE tenant_id = {tenant}
            ) changes
            GROUP BY invoice_id
            """, cancellationToken);
    }
}
