using ArPlatform.BuildingBlocks.Aging;
using ArPlatform.Reporting.Persistence;
using Microsoft.EntityFrameworkCore;
using Npgsql;

namespace ArPlatform.Reporting.Aging;

/// <summary>
/// Rebuilds a tenant's <see cref="AgingSnapshot"/> as of <c>today</c> with the given bounds from the event tables, under the
/// exclusive lock on its state, so it waits for the changes in flight. Buckets are assigned in the database by
/// <see cref="AgingBuckets.IndexSql"/>, the same rule as the changes' <see cref="AgingBuckets.IndexOf"/>.
/// </summary>
public static class RebuildAgingSnapshotCommand
{
    public static async Task RunAsync(ReportingDbContext db, Guid tenant, DateOnly today, int[] upperBounds, TimeProvider clock)
    {
        await using var transaction = await db.Database.BeginTransactionAsync();
        await AgingSnapshot.EnsureStateAsync(db, tenant);
        var state = await db.AgingSnapshots.FromSql($"SELECT * FROM aging_snapshots WHERE tenant_id = {tenant} FOR UPDATE")
            .IgnoreQueryFilters().SingleAsync();
        if (state.AsOf == today && state.UpperBounds.SequenceEqual(upperBounds))
        {
            return; // another request rebuilt it while this one waited
        }

        await db.Database.ExecuteSqlAsync($"DELETE FROM aging_snapshot_rows WHERE tenant_id = {tenant}");
        await db.Database.ExecuteSqlAsync($"DELETE FROM aging_snapshot_customers WHERE tenant_id = {tenant}");
        await db.Database.ExecuteSqlAsync($"DELETE FROM aging_snapshot_totals WHERE tenant_id = {tenant}");
        // The bucket is the one rule's SQL form; every value is a parameter.
        var rows = $"""
            INSERT INTO aging_snapshot_rows (tenant_id, customer_id, bucket, amount)
            SELECT @tenant, customer_id, {AgingBuckets.IndexSql("@bounds", "@today - due_date")} AS bucket, sum(amount)
            FROM (
                SELECT customer_id, due_date, sum(amount) AS amount FROM (
                    SELECT customer_id, due_date, amount FROM receivables WHERE tenant_id = @tenant AND invoice_date <= @today
                    UNION ALL
                    SELECT customer_id, due_date, -amount FROM settlements WHERE tenant_id = @tenant AND effective_date <= @today
                ) changes GROUP BY customer_id, due_date
            ) by_due_date
            GROUP BY customer_id, bucket
            HAVING sum(amount) <> 0
            """;
        await db.Database.ExecuteSqlRawAsync(rows, new NpgsqlParameter<Guid>("tenant", tenant), new NpgsqlParameter<int[]>("bounds", upperBounds), new NpgsqlParameter<DateOnly>("today", today));
        await db.Database.ExecuteSqlAsync($"""
            INSERT INTO aging_snapshot_customers (tenant_id, customer_id, total)
            SELECT {tenant}, customer_id, sum(amount) FROM aging_snapshot_rows WHERE tenant_id = {tenant} GROUP BY customer_id HAVING sum(amount) <> 0
            """);
        await db.Database.ExecuteSqlAsync($"""
            INSERT INTO aging_snapshot_totals (tenant_id, slot, amounts, owing_customers)
            SELECT {tenant}, 0,
                   ARRAY(SELECT coalesce(sum(r.amount), 0) FROM generate_series(0, {upperBounds.Length}) AS b(bucket)
                         LEFT JOIN aging_snapshot_rows r ON r.tenant_id = {tenant} AND r.bucket = b.bucket GROUP BY b.bucket ORDER BY b.bucket),
                   (SELECT count(*) FROM aging_snapshot_customers WHERE tenant_id = {tenant})
            """);
        state.AsOf = today;
        state.UpperBounds = upperBounds;
        state.RebuiltAt = clock.GetUtcNow();
        await db.SaveChangesAsync();
        await transaction.CommitAsync();
    }
}
