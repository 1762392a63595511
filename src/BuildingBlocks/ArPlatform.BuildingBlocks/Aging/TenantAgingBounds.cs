using ArPlatform.BuildingBlocks.Persistence;
using Microsoft.EntityFrameworkCore;

namespace ArPlatform.BuildingBlocks.Aging;

/// <summary>
/// A service's copy of a tenant's aging buckets, kept from Reporting's <c>AgingBucketsChanged</c>: the upper bounds
/// ("Not due"'s 0 first) as of the latest change received.
/// </summary>
public sealed class TenantAgingBounds : ITenantOwned
{
    public Guid TenantId { get; set; }

    public int[] UpperBounds { get; set; } = [];

    public DateTimeOffset ChangedAt { get; set; }
}

public static class AgingBoundsModel
{
    public const string Table = "aging_bounds";

    /// <summary>Adds the tenant's aging bounds copy (table <c>aging_bounds</c>, under row-level security) to a service's model.</summary>
    public static void AddAgingBoundsCopy(this ModelBuilder modelBuilder) =>
        modelBuilder.Entity<TenantAgingBounds>(e =>
        {
            e.ToTable(Table);
            e.HasKey(b => b.TenantId);
        });

    /// <summary>The tenant's upper bounds, "Not due"'s 0 first; the platform's defaults until the tenant sets its own.</summary>
    public static async Task<int[]> LoadAsync(TenantDbContext db, CancellationToken cancellationToken) =>
        await db.Set<TenantAgingBounds>().AsNoTracking().Select(b => b.UpperBounds).SingleOrDefaultAsync(cancellationToken) ?? AgingBuckets.DefaultUpperBounds;
}
