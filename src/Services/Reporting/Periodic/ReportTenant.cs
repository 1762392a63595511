using ArPlatform.BuildingBlocks.Messaging;
using ArPlatform.BuildingBlocks.Tenancy;
using ArPlatform.Contracts;
using ArPlatform.Reporting.Persistence;
using Microsoft.EntityFrameworkCore;

namespace ArPlatform.Reporting.Periodic;

/// <summary>
/// The tenants Reporting knows, so the daily job visits each one, with the client's name for its reports. Not
/// tenant-owned (no RLS): ids and names only; the job then acts inside one tenant's context.
/// </summary>
public sealed class ReportTenant
{
    public Guid Id { get; set; }

    public string? Name { get; set; }

    public DateTimeOffset KnownSince { get; set; }
}

public static class ReportTenants
{
    /// <summary>Adds the tenant to those the daily jobs visit, if it is not there yet (a tenant from before Reporting kept them, or a test's).</summary>
    public static Task KnowAsync(ReportingDbContext db, Guid tenant, DateTimeOffset now, CancellationToken cancellationToken) =>
        db.Database.ExecuteSqlAsync($"INSERT INTO report_tenants (id, name, known_since) VALUES ({tenant}, NULL, {now}) ON CONFLICT (id) DO NOTHING", cancellationToken);
}

public sealed class TenantCreatedConsumer(ReportingDbContext db, TenantContext tenant, TimeProvider clock, ILogger<TenantCreatedConsumer> logger)
    : IdempotentConsumer<TenantCreated, ReportingDbContext>(db, tenant, logger)
{
    protected override Task HandleAsync(TenantCreated m, CancellationToken cancellationToken) =>
        Db.Database.ExecuteSqlAsync($"""
            INSERT INTO report_tenants (id, name, known_since) VALUES ({m.TenantId}, {m.Name}, {clock.GetUtcNow()})
            ON CONFLICT (id) DO UPDATE SET name = excluded.name
            """, cancellationToken);
}
