using ArPlatform.Reporting.Outcomes;
using ArPlatform.Reporting.Persistence;
using Microsoft.EntityFrameworkCore;
using Npgsql;

namespace ArPlatform.Reporting.Expected;

/// <summary>The SQL of expected collections: open items with the dates they are expected on, summed per customer and week, or listed.</summary>
public static class ExpectedCollectionsQueries
{
    /// <summary>How many months of payments a customer's lateness is measured over.</summary>
    public const int LatenessMonths = 12;

    /// <summary>Each customer's amount-weighted days late over the lateness months (SQL; parameters tenant, first_month, as_of).</summary>
    private const string LatenessSql = """
        SELECT customer_id, sum(collected_days_late) / nullif(sum(collected), 0) AS days
        FROM ledger_months WHERE tenant_id = @tenant AND month >= @first_month AND month <= @as_of GROUP BY 1
        """;

    /// <summary>The date an open item not yet due is expected on (null when it is overdue): the one rule the sums and the listings use.</summary>
    private const string ExpectedOnSql = "CASE WHEN o.due_date >= @as_of THEN greatest(@as_of, o.due_date + round(coalesce(l.days, @tenant_days))::int) END";

    /// <summary>The week an item is expected in, from 0; @weeks is "later", -1 overdue (least() would pass over a null).</summary>
    private const string BucketSql = $"CASE WHEN o.due_date >= @as_of THEN least(({ExpectedOnSql} - @as_of) / 7, @weeks) ELSE -1 END";

    private const string OpenDisputesSql = """
        SELECT invoice_id, sum(amount) AS amount FROM report_disputes WHERE tenant_id = @tenant AND resolved_on IS NULL GROUP BY 1
        """;

    public static DateOnly FirstMonth(DateOnly asOf) => new DateOnly(asOf.Year, asOf.Month, 1).AddMonths(1 - LatenessMonths);

    private static NpgsqlParameter[] Parameters(ReportingDbContext db, DateOnly asOf, int weeks, decimal tenantDays, params NpgsqlParameter[] more) =>
    [
        new NpgsqlParameter<Guid>("tenant", db.Tenant.RequiredTenantId), new NpgsqlParameter<DateOnly>("as_of", asOf),
        new NpgsqlParameter<DateOnly>("first_month", FirstMonth(asOf)), new NpgsqlParameter<decimal>("tenant_days", tenantDays),
        new NpgsqlParameter<int>("weeks", weeks), .. more,
    ];

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

    /// <summary>
    /// Open amounts per customer and bucket (-1 overdue, 0 to weeks − 1 the week from the as-of date, weeks later), in
    /// three reads that each use the covering index of open items by due date: the overdue ones (no lateness to look
    /// up), those not yet due with their customers' lateness, and the disputed ones, whose disputed part comes out of
    /// their bucket into <see cref="ExpectedBucketRow.Disputed"/>.
    /// </summary>
    public static async Task<List<ExpectedBucketRow>> BucketsAsync(ReportingDbContext db, DateOnly asOf, int weeks, decimal tenantDays, CancellationToken cancellationToken)
    {
        var overdue = await db.Database.SqlQueryRaw<ExpectedBucketRow>("""
            SELECT customer_id AS "CustomerId", -1 AS "Bucket", sum(open_amount) AS "Undisputed", 0::numeric AS "Disputed", count(*)::int AS "UndisputedItems",
                   0 AS "DisputedItems"
            FROM open_items WHERE tenant_id = @tenant AND open_amount > 0 AND due_date < @as_of GROUP BY 1
            """, Parameters(db, asOf, weeks, tenantDays)).ToListAsync(cancellationToken);
        var notDue = await db.Database.SqlQueryRaw<ExpectedBucketRow>($"""
            WITH l AS ({LatenessSql})
            SELECT o.customer_id AS "CustomerId", {BucketSql} AS "Bucket", sum(o.open_amount) AS "Undisputed", 0::numeric AS "Disputed",
                   count(*)::int AS "UndisputedItems", 0 AS "DisputedItems"
            FROM open_items o LEFT JOIN l USING (customer_id)
            WHERE o.tenant_id = @tenant AND o.open_amount > 0 AND o.due_date >= @as_of GROUP BY 1, 2
            """, Parameters(db, asOf, weeks, tenantDays)).ToListAsync(cancellationToken);
        var disputed = await db.Database.SqlQueryRaw<ExpectedBucketRow>($"""
            WITH l AS ({LatenessSql}), d AS ({OpenDisputesSql})
            SELECT o.customer_id AS "CustomerId", {BucketSql} AS "Bucket", -least(d.amount, o.open_amount) AS "Undisputed",
                   least(d.amount, o.open_amount) AS "Disputed", CASE WHEN d.amount >= o.open_amount THEN -1 ELSE 0 END AS "UndisputedItems", 1 AS "DisputedItems"
            FROM d JOIN open_items o ON o.invoice_id = d.invoice_id LEFT JOIN l ON l.customer_id = o.customer_id
            WHERE o.tenant_id = @tenant AND o.open_amount > 0
            """, Parameters(db, asOf, weeks, tenantDays)).ToListAsync(cancellationToken);
        return [.. overdue, .. notDue, .. disputed];
    }

    /// <summary>The open items of one bucket (as in <see cref="BucketsAsync"/>; -2 lists the disputed ones), a page at a time, largest first.</summary>
    public static Task<List<ExpectedItem>> ItemsAsync(ReportingDbContext db, DateOnly asOf, int weeks, decimal tenantDays, int bucket, Guid? customerId, int offset,
        int limit, CancellationToken cancellationToken) =>
        db.Database.SqlQueryRaw<ExpectedItem>($"""
            WITH l AS ({LatenessSql}), d AS ({OpenDisputesSql}), items AS (
                SELECT o.invoice_id, o.customer_id, o.due_date, o.open_amount, least(coalesce(d.amount, 0), o.open_amount) AS disputed,
                       {ExpectedOnSql} AS expected_on, {BucketSql} AS bucket
                FROM open_items o LEFT JOIN d USING (invoice_id) LEFT JOIN l USING (customer_id)
                WHERE o.tenant_id = @tenant AND o.open_amount > 0 AND (@customer::uuid IS NULL OR o.customer_id = @customer)
            )
            SELECT i.invoice_id AS "InvoiceId", r.number AS "Number", i.customer_id AS "CustomerId", i.due_date AS "DueDate", i.open_amount AS "OpenAmount",
                   i.disputed AS "DisputedAmount", i.expected_on AS "ExpectedOn"
            FROM items i LEFT JOIN receivables r ON r.invoice_id = i.invoice_id
            WHERE CASE WHEN @bucket = -2 THEN i.disputed > 0 ELSE i.bucket = @bucket AND i.open_amount > i.disputed END
            ORDER BY i.open_amount DESC, i.invoice_id OFFSET @offset LIMIT @limit
            """, Parameters(db, asOf, weeks, tenantDays, new NpgsqlParameter<int>("bucket", bucket), new NpgsqlParameter<int>("offset", offset),
            new NpgsqlParameter<int>("limit", limit), new NpgsqlParameter("customer", NpgsqlTypes.NpgsqlDbType.Uuid) { Value = (object?)customerId ?? DBNull.Value }))
            .ToListAsync(cancellationToken);

    /// <summary>Open promises' remaining amounts per customer with their dates.</summary>
    public static Task<List<OpenPromiseRow>> OpenPromisesAsync(ReportingDbContext db, CancellationToken cancellationToken) =>
        db.Promises.AsNoTracking().Where(p => p.Status == PromiseStatuses.Open && p.Amount > p.Collected)
            .Select(p => new OpenPromiseRow(p.CustomerId, p.Amount - p.Collected, p.PromisedDate)).ToListAsync(cancellationToken);
}

public sealed record ExpectedBucketRow(Guid CustomerId, int Bucket, decimal Undisputed, decimal Disputed, int UndisputedItems, int DisputedItems);

public sealed record OpenPromiseRow(Guid CustomerId, decimal Remaining, DateOnly PromisedDate);
