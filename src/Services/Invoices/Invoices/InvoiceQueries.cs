using ArPlatform.Invoices.Persistence;
using Microsoft.EntityFrameworkCore;

namespace ArPlatform.Invoices.Invoices;

/// <summary>The invoices' SQL.</summary>
public static class InvoiceQueries
{
    /// <summary>The invoices already recorded under any of <paramref name="numbers"/>, by number.</summary>
    public static Task<Dictionary<string, Invoice>> ByNumbersAsync(InvoicesDbContext db, List<string> numbers, CancellationToken cancellationToken) =>
        // One probe of the unique (tenant_id, number) index per number, the tenant hidden from the planner: ADR 0002.
        db.Invoices.FromSql($"""
            SELECT i.* FROM unnest({numbers.ToArray()}::text[]) AS k(number)
            CROSS JOIN LATERAL (SELECT * FROM invoices WHERE tenant_id = (SELECT {db.Tenant.RequiredTenantId}) AND number = k.number LIMIT 1) AS i
            """).AsNoTracking().ToDictionaryAsync(i => i.Number, cancellationToken);
}
