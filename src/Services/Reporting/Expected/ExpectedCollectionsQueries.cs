using System.Runtime.CompilerServices;
using ArPlatform.Reporting.Outcomes;
using ArPlatform.Reporting.Persistence;
using Microsoft.EntityFrameworkCore;

namespace ArPlatform.Reporting.Expected;

/// <summary>The SQL of expected collections: open items with the dates they are expected on, summed per customer and week, or listed.</summary>
public static class ExpectedCollectionsQueries
{
    /// <summary>How many months of payments a customer's lateness is measured over.</summary>
    public const int LatenessMonths = 12;

    /// <summary>
    /// Every open item of the tenant with its disputed part and the date it is expected on (null: overdue), the one rule
    /// both the sums and the listings read. Parameters: tenant, as_of, first_month, tenant_days.
    /// </summary>
    private static FormattableString Items(Guid tenant, DateOnly asOf, decimal tenantDays) => $"""
        WITH lateness AS (
            SELECT customer_id, sum(collected_days_late) / nullif(sum(collected), 0) AS days
            FROM ledger_months WHERE tenant_id = {tenant} AND month >= {FirstMonth(asOf)} AND month <= {asOf} GROUP BY 1
        ), disputed AS (
            SELECT invoice_id, sum(amount) AS amount FROM report_disputes WHERE tenant_id = {tenant} AND resolved_on IS NULL GROUP BY 1
        ), items AS (
            SELECT o.invoice_id, o.customer_id, o.due_date, o.open_amount, least(coalesce(d.amount, 0), o.open_amount) AS disputed,
                   CASE WHEN o.due_date >= {asOf} THEN greatest({asOf}, o.due_date + round(coalesce(l.days, {tenantDays}))::int) END AS expected_on
            FROM open_items o LEFT JOIN disputed d USING (invoice_id) LEFT JOIN lateness l USING (customer_id)
            WHERE o.tenant_id = {tenant} AND o.open_amount > 0
        )
        """;

    public static DateOnly FirstMonth(DateOnly asOf) => new DateOnly(asOf.Year, asOf.Month, 1).AddMonths(1 - LatenessMonths);

    /// <summary>The tenant's amount-weighted days late over the same months, from its own ledger; null when nothing was paid.</summary>
    public static async Task<decimal?> TenantLatenessAsync(ReportingDbContext db, DateOnly asOf, CancellationToken cancellationToken)
    {
        var first = FirstMonth(asOf);
        var sums = await db.TenantLedgerMonths.AsNoTracking().Where(l => l.Month >= first && l.Month <= asOf)
            .GroupBy(_ => 1).Select(g => new { Days = g.Sum(l => l.CollectedDaysLate), Collected = g.Sum(l => l.Collected) })
            .SingleOrDefaultAsync(cancellationToken);
        return sums is null || sums.Collected == 0 ? null : Math.Round(sums.Days / sums.Collected, 1);
    }

    public static async Task<Dictionary<Guid, decimal>> CustomerLatenessAsync(ReportingDbContext db, DateOnly asOf, CancellationToken cancellationToken)
    {
        var first = FirstMonth(asOf);
        return (await db.LedgerMonths.AsNoTracking().Where(l => l.Month >= first && l.Month <= asOf)
                .GroupBy(l => l.CustomerId).Select(g => new { g.Key, Days = g.Sum(l => l.CollectedDaysLate), Collected = g.Sum(l => l.Collected) })
                .Where(g => g.Collected != 0).ToListAsync(cancellationToken))
            .ToDictionary(g => g.Key, g => Math.Round(g.Days / g.Collected, 1));
    }

    /// <summary>Open amounts per customer and bucket: -1 overdue, 0 to weeks − 1 the week (from the as-of date), weeks later.</summary>
    public static Task<List<ExpectedBucketRow>> BucketsAsync(ReportingDbContext db, DateOnly asOf, int weeks, decimal tenantDays, CancellationToken cancellationToken)
    {
        var items = Items(db.Tenant.RequiredTenantId, asOf, tenantDays);
        return db.Database.SqlQuery<ExpectedBucketRow>(FormattableStringFactory.Create(items.Format + $$"""
            SELECT customer_id AS "CustomerId",
                   CASE WHEN expected_on IS NULL THEN -1 ELSE least((expected_on - {{{items.ArgumentCount}}}) / 7, {{{items.ArgumentCount + 1}}}) END AS "Bucket",
                   sum(open_amount - disputed) AS "Undisputed", sum(disputed) AS "Disputed",
                   count(*) FILTER (WHERE open_amount > disputed)::int AS "UndisputedItems", count(*) FILTER (WHERE disputed > 0)::int AS "DisputedItems"
            FROM items GROUP BY 1, 2
            """, [.. items.GetArguments(), asOf, weeks])).ToListAsync(cancellationToken);
    }

    /// <summary>The open items of one bucket (as in <see cref="BucketsAsync"/>; -2 lists the disputed ones), a page at a time, largest first.</summary>
    public static Task<List<ExpectedItem>> ItemsAsync(ReportingDbContext db, DateOnly asOf, int weeks, decimal tenantDays, int bucket, Guid? customerId, int offset,
        int limit, CancellationToken cancellationToken)
    {
        var items = Items(db.Tenant.RequiredTenantId, asOf, tenantDays);
        var n = items.ArgumentCount;
        return db.Database.SqlQuery<ExpectedItem>(FormattableStringFactory.Create(items.Format + $$"""
            SELECT i.invoice_id AS "InvoiceId", r.number AS "Number", i.customer_id AS "CustomerId", i.due_date AS "DueDate", i.open_amount AS "OpenAmount",
                   i.disputed AS "DisputedAmount", i.expected_on AS "ExpectedOn"
            FROM items i LEFT JOIN receivables r ON r.invoice_id = i.invoice_id
            WHERE ({{{n + 4}}}::uuid IS NULL OR i.customer_id = {{{n + 4}}})
              AND CASE {{{n + 2}}}
                    WHEN -2 THEN i.disputed > 0
                    WHEN -1 THEN i.expected_on IS NULL AND i.open_amount > i.disputed
                    ELSE i.expected_on IS NOT NULL AND i.open_amount > i.disputed AND least((i.expected_on - {{{n}}}) / 7, {{{n + 1}}}) = {{{n + 2}}}
                  END
            ORDER BY i.open_amount DESC, i.invoice_id OFFSET {{{n + 3}}} LIMIT {{{n + 5}}}
            """, [.. items.GetArguments(), asOf, weeks, bucket, offset, customerId, limit])).ToListAsync(cancellationToken);
    }

    /// <summary>Open promises' remaining amounts per customer with their dates.</summary>
    public static Task<List<OpenPromiseRow>> OpenPromisesAsync(ReportingDbContext db, CancellationToken cancellationToken) =>
        db.Promises.AsNoTracking().Where(p => p.Status == PromiseStatuses.Open && p.Amount > p.Collected)
            .Select(p => new OpenPromiseRow(p.CustomerId, p.Amount - p.Collected, p.PromisedDate)).ToListAsync(cancellationToken);
}

public sealed record ExpectedBucketRow(Guid CustomerId, int Bucket, decimal Undisputed, decimal Disputed, int UndisputedItems, int DisputedItems);

public sealed record OpenPromiseRow(Guid CustomerId, decimal Remaining, DateOnly PromisedDate);
