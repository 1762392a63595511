using ArPlatform.BuildingBlocks.Aging;
using ArPlatform.BuildingBlocks.Tenancy;
using ArPlatform.Collections.Audit;
using ArPlatform.Collections.Persistence;
using ArPlatform.Contracts;
using ArPlatform.ServiceDefaults.Security;

namespace ArPlatform.Collections.Aging;

/// <summary>
/// Keeps the tenant's aging buckets, with which the account view (and the workbench's account page) ages what is open,
/// and records the change, with who made it in Reporting, in the collections audit.
/// </summary>
public sealed class AgingBucketsConsumer(CollectionsDbContext db, TenantContext tenant, ILogger<AgingBucketsConsumer> logger)
    : AgingBucketsChangedConsumer<CollectionsDbContext>(db, tenant, logger)
{
    protected override async Task HandleAsync(AgingBucketsChanged message, CancellationToken cancellationToken)
    {
        var before = await AgingBoundsModel.LoadAsync(Db, cancellationToken);
        await base.HandleAsync(message, cancellationToken);
        var actor = new Actor(message.ChangedBy ?? "unknown", message.ChangedByName, message.ChangedByAuthority is { } a ? [a] : [], false);
        ConfigAudit.Record(Db, AuditedEntities.AgingBuckets, null, before[1..], message.UpperBounds, actor, message.ChangedAt);
    }
}
