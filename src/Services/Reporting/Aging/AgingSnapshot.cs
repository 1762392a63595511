using ArPlatform.BuildingBlocks.Aging;
using ArPlatform.BuildingBlocks.Persistence;
using ArPlatform.Reporting.Persistence;
using Microsoft.EntityFrameworkCore;

namespace ArPlatform.Reporting.Aging;

/// <summary>A change of what a customer owes on invoices due on <see cref="DueDate"/>, effective from <see cref="EffectiveDate"/>.</summary>
public sealed record AgingDelta(Guid CustomerId, DateOnly DueDate, DateOnly EffectiveDate, decimal Amount);

/// <summary>The date a tenant's snapshot is aged to and the bucket bounds it was built with.</summary>
public sealed class AgingSnapshotState : ITenantOwned
{
    public Guid TenantId { get; set; }

    public DateOnly AsOf { get; set; }

    public int[] UpperBounds { get; set; } = [];

    public DateTimeOffset RebuiltAt { get; set; }
}

/// <summary>What one customer owes in one bucket as of the snapshot's date.</summary>
public sealed class AgingSnapshotRow : ITenantOwned
{
    public Guid TenantId { get; set; }

    public Guid CustomerId { get; set; }

    public int Bucket { get; set; }

    public decimal Amount { get; set; }
}

/// <summary>What one customer owes in all buckets as of the snapshot's date: the sum of its rows, kept with them.</summary>
public sealed class AgingSnapshotCustomer : ITenantOwned
{
    public Guid TenantId { get; set; }

    public Guid CustomerId { get; set; }

    public decimal Total { get; set; }
}

/// <summary>
/// One of a tenant's few running sums of its snapshot: the amount in each bucket and how many customers owe anything.
/// The tenant's totals are the sum over its slots. A change adds to one slot picked at random, so concurrent consumers
/// rarely wait on each other's row lock until commit, as they would on a single row per tenant.
/// </summary>
public sealed class AgingSnapshotTotals : ITenantOwned
{
    public Guid TenantId { get; set; }

    public short Slot { get; set; }

    public decimal[] Amounts { get; set; } = [];

    public int OwingCustomers { get; set; }
}

/// <summary>
/// Today's aging per tenant, kept up to date by the consumers so that "aging as of today" reads a few thousand
/// rows (customers × buckets) instead of summing every invoice. The snapshot is aged to one date: the first read on
/// a new day (or after the tenant changes its buckets) rebuilds it from the event tables, once. Consumers take a
/// share lock on the tenant's snapshot state and the rebuild an exclusive one, so no change is lost or counted twice
/// across a rebuild. Changes effective after the snapshot's date are left out and picked up by the next rebuild.
/// Past dates and filtered reports are computed from the event tables directly. Read with <see cref="AgingSnapshotQuery"/>,
/// rebuilt by <see cref="RebuildAgingSnapshotCommand"/>; this class is what every change applies under the share lock.
/// </summary>
public static class AgingSnapshot
{
    /// <summary>How many running sums a tenant's totals are spread over (<see cref="AgingSnapshotTotals"/>).</summary>
    private const int TotalsSlots = 8;

    /// <summary>
    /// Takes the share lock every change of the tenant's aging holds until it commits, creating the (stale) snapshot
    /// state first if there is none: a rebuild, which takes the exclusive lock, then waits for every change in flight,
    /// so it never misses one that committed after it read. Call before writing the change.
    /// </summary>
    public static async Task<AgingSnapshotState> LockAsync(ReportingDbContext db, CancellationToken cancellationToken)
    {
        var tenant = db.Tenant.RequiredTenantId;
        await EnsureStateAsync(db, tenant, cancellationToken);
        return await db.AgingSnapshots.FromSql($"SELECT * FROM aging_snapshots WHERE tenant_id = {tenant} FOR SHARE")
            .IgnoreQueryFilters().AsNoTracking().SingleAsync(cancellationToken);
    }

    /// <summary>The tenant's snapshot state row, created stale ("-infinity", no bounds) when missing, so there is a row to lock.</summary>
    internal static Task EnsureStateAsync(ReportingDbContext db, Guid tenant, CancellationToken cancellationToken = default) =>
        db.Database.ExecuteSqlAsync($"""
            INSERT INTO aging_snapshots (tenant_id, as_of, upper_bounds, rebuilt_at) VALUES ({tenant}, '-infinity', {Array.Empty<int>()}, '-infinity')
            ON CONFLICT (tenant_id) DO NOTHING
            """, cancellationToken);

    /// <summary>Adds changes to the snapshot, under the lock <see cref="LockAsync"/> took in the same transaction.</summary>
    public static async Task ApplyAsync(ReportingDbContext db, AgingSnapshotState snapshot, IReadOnlyCollection<AgingDelta> deltas, CancellationToken cancellationToken)
    {
        if (deltas.Count == 0 || snapshot.UpperBounds.Length == 0)
        {
            return; // a stale snapshot (never built, or its bounds changed) is rebuilt from the event tables on the next read
        }

        var rows = deltas.Where(d => d.EffectiveDate <= snapshot.AsOf)
            .GroupBy(d => (d.CustomerId, Bucket: AgingBuckets.IndexOf(snapshot.UpperBounds, snapshot.AsOf.DayNumber - d.DueDate.DayNumber)))
            .Select(g => (g.Key.CustomerId, g.Key.Bucket, Amount: g.Sum(d => d.Amount)))
            .Where(r => r.Amount != 0)
            .OrderBy(r => r.CustomerId).ThenBy(r => r.Bucket) // one lock order for every consumer: concurrent upserts cannot deadlock
            .ToList();
        if (rows.Count == 0)
        {
            return;
        }

        await db.InsertManyAsync("aging_snapshot_rows",
        [
            ("tenant_id", rows.Select(_ => snapshot.TenantId).ToArray()),
            ("customer_id", rows.Select(r => r.CustomerId).ToArray()),
            ("bucket", rows.Select(r => r.Bucket).ToArray()),
            ("amount", rows.Select(r => r.Amount).ToArray()),
        ], "ON CONFLICT (tenant_id, customer_id, bucket) DO UPDATE SET amount = aging_snapshot_rows.amount + excluded.amount", cancellationToken);
        var customers = rows.GroupBy(r => r.CustomerId).Select(g => (CustomerId: g.Key, Total: g.Sum(r => r.Amount))).Where(c => c.Total != 0).ToList();
        var bucketAmounts = new decimal[snapshot.UpperBounds.Length + 1];
        foreach (var row in rows)
        {
            bucketAmounts[row.Bucket] += row.Amount;
        }

        // The customers' totals and the tenant's in one round trip: a customer owes something after the change when its
        // new total is not zero, and did before when the new total less the change is not zero.
        await db.Database.ExecuteSqlAsync($"""
            WITH changes AS (
                SELECT unnest({customers.Select(c => c.CustomerId).ToArray()}) AS customer_id, unnest({customers.Select(c => c.Total).ToArray()}) AS total
            ), customers AS (
                INSERT INTO aging_snapshot_customers (tenant_id, customer_id, total)
                SELECT {snapshot.TenantId}, customer_id, total FROM changes
                ON CONFLICT (tenant_id, customer_id) DO UPDATE SET total = aging_snapshot_customers.total + excluded.total
                RETURNING customer_id, total
            )
            INSERT INTO aging_snapshot_totals (tenant_id, slot, amounts, owing_customers)
            SELECT {snapshot.TenantId}, {(short)Random.Shared.Next(TotalsSlots)}, {bucketAmounts},
                   (SELECT (count(*) FILTER (WHERE c.total <> 0) - count(*) FILTER (WHERE c.total - changes.total <> 0))::int
                    FROM customers c JOIN changes USING (customer_id))
            ON CONFLICT (tenant_id, slot) DO UPDATE SET
                amounts = ARRAY(SELECT coalesce(a, 0) + coalesce(b, 0) FROM unnest(aging_snapshot_totals.amounts, excluded.amounts) WITH ORDINALITY AS sums(a, b, i) ORDER BY i),
                owing_customers = aging_snapshot_totals.owing_customers + excluded.owing_customers
            """, cancellationToken);
    }
}
