using ArPlatform.Reporting.Persistence;
using Microsoft.EntityFrameworkCore;
using Npgsql;

namespace ArPlatform.Reporting.Aging;

/// <summary>A change of what a customer owes on invoices due on <see cref="DueDate"/>, effective from <see cref="EffectiveDate"/>.</summary>
public sealed record AgingDelta(Guid CustomerId, DateOnly DueDate, DateOnly EffectiveDate, decimal Amount);

/// <summary>The date a tenant's snapshot is aged to and the bucket bounds it was built with.</summary>
public sealed class AgingSnapshotState : ArPlatform.BuildingBlocks.Persistence.ITenantOwned
{
    public Guid TenantId { get; set; }

    public DateOnly AsOf { get; set; }

    public int[] UpperBounds { get; set; } = [];

    public DateTimeOffset RebuiltAt { get; set; }
}

/// <summary>What one customer owes in one bucket as of the snapshot's date.</summary>
public sealed class AgingSnapshotRow : ArPlatform.BuildingBlocks.Persistence.ITenantOwned
{
    public Guid TenantId { get; set; }

    public Guid CustomerId { get; set; }

    public int Bucket { get; set; }

    public decimal Amount { get; set; }
}

/// <summary>
/// Today's aging per tenant, kept up to date by the consumers so that "aging as of today" reads a few thousand
/// rows (customers × buckets) instead of summing every invoice. The snapshot is aged to one date: the first read on
/// a new day (or after the tenant changes its buckets) rebuilds it from the event tables, once. Consumers take a
/// share lock on the tenant's snapshot state and the rebuild an exclusive one, so no change is lost or counted twice
/// across a rebuild. Changes effective after the snapshot's date are left out and picked up by the next rebuild.
/// Past dates and filtered reports are computed from the event tables directly.
/// </summary>
public static class AgingSnapshot
{
    private sealed record SnapshotAmount(Guid CustomerId, int Bucket, decimal Amount);

    public static async Task ApplyAsync(ReportingDbContext db, IReadOnlyCollection<AgingDelta> deltas, CancellationToken cancellationToken)
    {
        if (deltas.Count == 0)
        {
            return;
        }

        var tenant = db.Tenant.RequiredTenantId;
        var state = await db.AgingSnapshots.FromSql($"SELECT * FROM aging_snapshots WHERE tenant_id = {tenant} FOR SHARE")
            .IgnoreQueryFilters().AsNoTracking().ToListAsync(cancellationToken);
        if (state is not [var snapshot])
        {
            return; // no snapshot yet: the first read builds it from the event tables
        }

        var buckets = AgingBuckets.FromUpperBounds(snapshot.UpperBounds);
        var rows = deltas.Where(d => d.EffectiveDate <= snapshot.AsOf)
            .GroupBy(d => (d.CustomerId, Bucket: AgingBuckets.IndexOf(snapshot.UpperBounds, snapshot.AsOf.DayNumber - d.DueDate.DayNumber)))
            .Select(g => (g.Key.CustomerId, g.Key.Bucket, Amount: g.Sum(d => d.Amount)))
            .Where(r => r.Amount != 0)
            .ToList();
        if (rows.Count == 0 || buckets.Count == 0)
        {
            return;
        }

        var connection = (NpgsqlConnection)db.Database.GetDbConnection();
        await using var command = connection.CreateCommand();
        command.CommandText = """
            INSERT INTO aging_snapshot_rows (tenant_id, customer_id, bucket, amount)
            SELECT @tenant, * FROM unnest(@customer, @bucket, @amount)
            ON CONFLICT (tenant_id, customer_id, bucket) DO UPDATE SET amount = aging_snapshot_rows.amount + excluded.amount
            """;
        command.Parameters.Add(new NpgsqlParameter<Guid>("tenant", tenant));
        command.Parameters.Add(new NpgsqlParameter<Guid[]>("customer", [.. rows.Select(r => r.CustomerId)]));
        command.Parameters.Add(new NpgsqlParameter<int[]>("bucket", [.. rows.Select(r => r.Bucket)]));
        command.Parameters.Add(new NpgsqlParameter<decimal[]>("amount", [.. rows.Select(r => r.Amount)]));
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    /// <summary>The snapshot rows for <paramref name="today"/> with <paramref name="upperBounds"/>, rebuilding it first when it is older.</summary>
    public static async Task<List<(Guid CustomerId, int Bucket, decimal Amount)>> ReadAsync(ReportingDbContext db, DateOnly today, int[] upperBounds, TimeProvider clock)
    {
        var tenant = db.Tenant.RequiredTenantId;
        var state = await db.AgingSnapshots.AsNoTracking().SingleOrDefaultAsync();
        if (state is null || state.AsOf != today || !state.UpperBounds.SequenceEqual(upperBounds))
        {
            await RebuildAsync(db, tenant, today, upperBounds, clock);
        }

        var rows = await db.Database.SqlQuery<SnapshotAmount>(
            $"SELECT customer_id AS \"CustomerId\", bucket AS \"Bucket\", amount AS \"Amount\" FROM aging_snapshot_rows WHERE tenant_id = {tenant} AND amount <> 0")
            .ToListAsync();
        return [.. rows.Select(r => (r.CustomerId, r.Bucket, r.Amount))];
    }

    private static async Task RebuildAsync(ReportingDbContext db, Guid tenant, DateOnly today, int[] upperBounds, TimeProvider clock)
    {
        await using var transaction = await db.Database.BeginTransactionAsync();
        await db.Database.ExecuteSqlAsync($"""
            INSERT INTO aging_snapshots (tenant_id, as_of, upper_bounds, rebuilt_at) VALUES ({tenant}, '-infinity', {Array.Empty<int>()}, {clock.GetUtcNow()})
            ON CONFLICT (tenant_id) DO NOTHING
            """);
        var state = await db.AgingSnapshots.FromSql($"SELECT * FROM aging_snapshots WHERE tenant_id = {tenant} FOR UPDATE")
            .IgnoreQueryFilters().SingleAsync();
        if (state.AsOf == today && state.UpperBounds.SequenceEqual(upperBounds))
        {
            return; // another request rebuilt it while this one waited
        }

        await db.Database.ExecuteSqlAsync($"DELETE FROM aging_snapshot_rows WHERE tenant_id = {tenant}");
        await db.Database.ExecuteSqlAsync($"""
            INSERT INTO aging_snapshot_rows (tenant_id, customer_id, bucket, amount)
            SELECT {tenant}, customer_id, (SELECT count(*) FROM unnest({upperBounds}) b WHERE {today} - due_date > b)::int AS bucket, sum(amount)
            FROM (
                SELECT customer_id, due_date, sum(amount) AS amount FROM (
                    SELECT customer_id, due_date, amount FROM receivables WHERE tenant_id = {tenant} AND invoice_date <= {today}
                    UNION ALL
                    SELECT customer_id, due_date, -amount FROM settlements WHERE tenant_id = {tenant} AND effective_date <= {today}
                ) changes GROUP BY customer_id, due_date
            ) by_due_date
            GROUP BY customer_id, bucket
            HAVING sum(amount) <> 0
            """);
        state.AsOf = today;
        state.UpperBounds = upperBounds;
        state.RebuiltAt = clock.GetUtcNow();
        await db.SaveChangesAsync();
        await transaction.CommitAsync();
    }
}
