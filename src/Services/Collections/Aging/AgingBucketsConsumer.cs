using ArPlatform.BuildingBlocks.Aging;
using ArPlatform.BuildingBlocks.Tenancy;
using ArPlatform.Collections.Persistence;

namespace ArPlatform.Collections.Aging;

/// <summary>Keeps the tenant's aging buckets, with which the account view (and the workbench's account page) ages what is open.</summary>
public sealed class AgingBucketsConsumer(CollectionsDbContext db, TenantContext tenant, ILogger<AgingBucketsConsumer> logger)
    : AgingBucketsChangedConsumer<CollectionsDbContext>(db, tenant, logger);
