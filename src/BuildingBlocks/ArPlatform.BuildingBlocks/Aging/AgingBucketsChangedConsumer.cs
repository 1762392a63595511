using ArPlatform.BuildingBlocks.Messaging;
using ArPlatform.BuildingBlocks.Persistence;
using ArPlatform.BuildingBlocks.Tenancy;
using ArPlatform.Contracts;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;

namespace ArPlatform.BuildingBlocks.Aging;

/// <summary>
/// Keeps the tenant's aging bounds copy; a change older than the one kept (messages may arrive out of order) leaves it.
/// Each service declares its own sealed consumer on its context.
/// </summary>
public abstract class AgingBucketsChangedConsumer<TContext>(TContext db, TenantContext tenant, ILogger logger)
    : IdempotentConsumer<AgingBucketsChanged, TContext>(db, tenant, logger)
    where TContext : TenantDbContext
{
    protected override Task HandleAsync(AgingBucketsChanged message, CancellationToken cancellationToken)
    {
        int[] bounds = [0, .. message.UpperBounds];
        return Db.Database.ExecuteSqlAsync($"""
            INSERT INTO aging_bounds (tenant_id, upper_bounds, changed_at) VALUES ({message.TenantId}, {bounds}, {message.ChangedAt})
            ON CONFLICT (tenant_id) DO UPDATE SET upper_bounds = excluded.upper_bounds, changed_at = excluded.changed_at
            WHERE aging_bounds.changed_at < excluded.changed_at
            """, cancellationToken);
    }
}
