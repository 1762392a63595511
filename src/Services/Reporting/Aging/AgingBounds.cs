using ArPlatform.BuildingBlocks.Aging;
using ArPlatform.BuildingBlocks.Messaging;
using ArPlatform.Contracts;
using ArPlatform.Reporting.Persistence;
using ArPlatform.ServiceDefaults.Security;
using Microsoft.EntityFrameworkCore;

namespace ArPlatform.Reporting.Aging;

/// <summary>The tenant's bucket upper bounds ("Not due"'s 0 first), the defaults when it has set none.</summary>
public static class AgingBoundsQuery
{
    public static async Task<int[]> LoadAsync(ReportingDbContext db) =>
        await db.AgingSettings.AsNoTracking().Select(s => s.UpperBounds).SingleOrDefaultAsync() ?? AgingBuckets.DefaultUpperBounds;
}

/// <summary>
/// Sets the tenant's bucket upper bounds; today's snapshot is rebuilt with them on its next read, and the services that
/// show aging (Collections, Invoices) are told in the same transaction (<see cref="AgingBucketsChanged"/>).
/// </summary>
public static class SetAgingBoundsCommand
{
    /// <summary>Stores <paramref name="upperBounds"/> (as <see cref="AgingBuckets.Validate"/> accepted them, without "Not due"'s 0) and returns the bounds stored, "Not due"'s 0 first.</summary>
    public static async Task<int[]> RunAsync(ReportingDbContext db, IReadOnlyList<int> upperBounds, Actor actor, TimeProvider clock)
    {
        int[] bounds = [0, .. upperBounds];
        var settings = await db.AgingSettings.SingleOrDefaultAsync();
        if (settings is null)
        {
            db.AgingSettings.Add(settings = new AgingSettings { TenantId = db.Tenant.RequiredTenantId });
        }

        settings.UpperBounds = bounds;
        settings.UpdatedAt = clock.GetUtcNow();
        db.AddToOutbox(new AgingBucketsChanged(settings.TenantId, [.. upperBounds], settings.UpdatedAt, actor.Id, actor.Name, actor.Authority), clock);
        await db.SaveChangesAsync();
        return bounds;
    }
}
