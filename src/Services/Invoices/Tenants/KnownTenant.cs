using ArPlatform.BuildingBlocks.Messaging;
using ArPlatform.BuildingBlocks.Persistence;
using ArPlatform.BuildingBlocks.Tenancy;
using ArPlatform.Contracts;
using ArPlatform.Invoices.Persistence;
using Microsoft.EntityFrameworkCore;

namespace ArPlatform.Invoices.Tenants;

/// <summary>
/// The tenants Invoices works for, so that scheduled jobs can visit each one. Not tenant-owned (no RLS): it holds
/// only ids; every job then acts inside one tenant's context.
/// </summary>
public sealed class KnownTenant
{
    public Guid Id { get; set; }

    public DateTimeOffset KnownSince { get; set; }
}

/// <summary>A tenant's invoicing settings.</summary>
public sealed class InvoiceSettings : ITenantOwned
{
    public const int DefaultDueSoonDays = 3;

    public Guid TenantId { get; set; }

    /// <summary>How many days before its due date an open invoice is announced as due soon.</summary>
    public int DueSoonDays { get; set; } = DefaultDueSoonDays;
}

public sealed class TenantCreatedConsumer(InvoicesDbContext db, TenantContext tenant, ILogger<TenantCreatedConsumer> logger)
    : IdempotentConsumer<TenantCreated, InvoicesDbContext>(db, tenant, logger)
{
    protected override Task HandleAsync(TenantCreated message, CancellationToken cancellationToken) =>
        KnownTenants.RememberAsync(Db, message.TenantId, message.CreatedAt, cancellationToken);
}

public static class KnownTenants
{
    /// <summary>Remembers the tenant, known since <paramref name="knownSince"/> unless it was known already.</summary>
    public static Task RememberAsync(InvoicesDbContext db, Guid tenantId, DateTimeOffset knownSince, CancellationToken cancellationToken) =>
        db.Database.ExecuteSqlAsync($"INSERT INTO tenants (id, known_since) VALUES ({tenantId}, {knownSince}) ON CONFLICT DO NOTHING", cancellationToken);
}
