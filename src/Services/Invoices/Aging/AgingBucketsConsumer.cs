using ArPlatform.BuildingBlocks.Aging;
using ArPlatform.BuildingBlocks.Tenancy;
using ArPlatform.Invoices.Persistence;

namespace ArPlatform.Invoices.Aging;

/// <summary>Keeps the tenant's aging buckets, with which statements age what is open.</summary>
public sealed class AgingBucketsConsumer(InvoicesDbContext db, TenantContext tenant, ILogger<AgingBucketsConsumer> logger)
    : AgingBucketsChangedConsumer<InvoicesDbContext>(db, tenant, logger);
