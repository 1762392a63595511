using ArPlatform.BuildingBlocks.Aging;
using ArPlatform.Reporting.Persistence;
using Microsoft.EntityFrameworkCore;
using Npgsql;

namespace ArPlatform.Reporting.Aging;

/// <summary>Today's aging of the whole tenant, read from its <see cref="AgingSnapshot"/>.</summary>
public static class AgingSnapshotQuery
{
    private sealed record SnapshotAmount(Guid? CustomerId, int Bucket, decimal Amount, int Owing, int[]? Bounds, DateOnly? AsOf, int[]? BuiltWith);

    /// <summary>
    /// Today's aging from the snapshot (rebuilt first when it is older or built with other buckets than the tenant's):
    /// the tenant's bucket bounds, tenant totals per bucket, the customers owing most (all when <paramref name="top"/>
    /// is null) with their buckets, and how many customers owe anything. The database sums and ranks, so a request for
    /// the top few reads a handful of rows whatever the tenant's size; the tenant's bounds and the snapshot's state
    /// come back in the same statement (a leading row), so a read is one round trip unless the snapshot must be rebuilt.
    /// </summary>
    public static async Task<(int[] UpperBounds, decimal[] Totals, List<(Guid CustomerId, int Bucket, decimal Amount)> Customers, int CustomerCount)> LoadAsync(
        ReportingDbContext db, DateOnly today, int? top, TimeProvider clock)
    {
        var tenant = db.Tenant.RequiredTenantId;
        while (true)
        {
            // Bucket totals and how many customers owe anything from the tenant's running sums. The top customers are
            // ranked on the per-customer totals (one row per customer, not one per customer and bucket) and only their
            // rows are read, through the key; listing every customer reads every row in one pass instead.
            var customerRows = top is null
                ? "SELECT customer_id, bucket, amount FROM aging_snapshot_rows WHERE tenant_id = @tenant AND amount <> 0"
                : """
                  SELECT customer_id, bucket, amount FROM aging_snapshot_rows
                  WHERE tenant_id = @tenant AND amount <> 0 AND customer_id = ANY(ARRAY(
                      SELECT customer_id FROM aging_snapshot_customers WHERE tenant_id = @tenant AND total <> 0 ORDER BY total DESC, customer_id LIMIT @top))
                  """;
            var sql = $"""
                SELECT NULL::uuid AS "CustomerId", -1 AS "Bucket", 0::numeric AS "Amount", 0 AS "Owing",
                       (SELECT upper_bounds FROM aging_settings WHERE tenant_id = @tenant) AS "Bounds",
                       s.as_of AS "AsOf", s.upper_bounds AS "BuiltWith"
                FROM (SELECT 1) AS one LEFT JOIN aging_snapshots s ON s.tenant_id = @tenant
                UNION ALL
                SELECT NULL::uuid, (bucket - 1)::int, sum(amount), sum(owing_customers)::int, NULL, NULL, NULL
                FROM aging_snapshot_totals t, unnest(t.amounts) WITH ORDINALITY AS buckets(amount, bucket)
                WHERE t.tenant_id = @tenant GROUP BY bucket
                UNION ALL
                SELECT customer_id, bucket, amount, 0, NULL, NULL, NULL FROM ({customerRows}) AS customer_rows
                """;
            var rows = await db.Database.SqlQueryRaw<SnapshotAmount>(sql, new NpgsqlParameter<Guid>("tenant", tenant), new NpgsqlParameter<int>("top", top ?? 0)).ToListAsync();
            var state = rows.Single(r => r.Bucket < 0);
            var upperBounds = state.Bounds ?? AgingBuckets.DefaultUpperBounds;
            if (state.AsOf != today || state.BuiltWith is null || !state.BuiltWith.SequenceEqual(upperBounds))
            {
                await RebuildAgingSnapshotCommand.RunAsync(db, tenant, today, upperBounds, clock);
                continue;
            }

            var totals = new decimal[upperBounds.Length + 1];
            var customerCount = 0;
            foreach (var total in rows.Where(r => r.CustomerId is null && r.Bucket >= 0))
            {
                customerCount = total.Owing;
                if (total.Amount != 0)
                {
                    totals[total.Bucket] = total.Amount; // an empty bucket stays a plain 0, as in a computed report, not 0.00
                }
            }

            return (upperBounds, totals, [.. rows.Where(r => r.CustomerId is not null).Select(r => (r.CustomerId!.Value, r.Bucket, r.Amount))], customerCount);
        }
    }
}
