using System.Text.RegularExpressions;
using ArPlatform.BuildingBlocks.Messaging;
using ArPlatform.BuildingBlocks.Persistence;
using ArPlatform.Contracts;
using ArPlatform.Identity.Persistence;
using ArPlatform.Identity.Revocations;
using ArPlatform.ServiceDefaults.Http;
using ArPlatform.ServiceDefaults.Security;
using Microsoft.EntityFrameworkCore;

namespace ArPlatform.Identity.Tenants;

/// <summary>
/// Registers client organisations as tenants, each announced with <see cref="TenantCreated"/>; suspends and
/// reinstates them (ADR 0028): a suspended tenant's clients get no token at once, and every service refuses its
/// tokens within the revocation list's refresh (well within a minute).
/// </summary>
public sealed partial class TenantService(IdentityDbContext db, TimeProvider clock, RevocationWriter revocations, ILogger<TenantService> logger)
{
    public const int MaxReasonLength = 500;

    [GeneratedRegex("^[a-z0-9][a-z0-9-]{1,31}$")]
    private static partial Regex CodePattern();

    /// <summary>The new tenant; or the broken rules; or a conflict when the code is taken (also by a tenant registered at the same moment).</summary>
    public async Task<Outcome<Tenant>> CreateAsync(string? name, string? code, CancellationToken cancellationToken)
    {
        var validation = new Validation()
            .Required("name", name)
            .Required("code", code, maxLength: 32);
        if (code is { Length: > 0 } && !CodePattern().IsMatch(code))
        {
            validation.Add("code", "must be 2-32 lowercase letters, digits or hyphens, starting with a letter or digit.");
        }

        if (!validation.IsValid)
        {
            return Outcome<Tenant>.Invalid(validation);
        }

        if (await db.Tenants.AnyAsync(t => t.Code == code, cancellationToken))
        {
            return CodeTaken(code!);
        }

        var now = clock.GetUtcNow();
        var tenant = new Tenant { Id = Guid.CreateVersion7(now), Code = code!, Name = name!.Trim(), CreatedAt = now };
        db.Tenants.Add(tenant);
        db.AddToOutbox(new TenantCreated(tenant.Id, tenant.Code, tenant.Name, now), clock);
        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateException e) when (e.IsUniqueViolation())
        {
            return CodeTaken(code!);
        }

        return Outcome<Tenant>.Ok(tenant);
    }

    /// <summary>Suspends the tenant (again: the first suspension stands); not found when there is no such tenant.</summary>
    public async Task<Outcome<Tenant>> SuspendAsync(Guid id, string? reason, string by, CancellationToken cancellationToken)
    {
        var validation = new Validation().Text("reason", reason, MaxReasonLength);
        if (!validation.IsValid)
        {
            return Outcome<Tenant>.Invalid(validation);
        }

        var tenant = await db.Tenants.SingleOrDefaultAsync(t => t.Id == id, cancellationToken);
        if (tenant is null)
        {
            return Outcome<Tenant>.NotFound();
        }

        if (tenant.SuspendedAt is null)
        {
            var now = clock.GetUtcNow();
            (tenant.SuspendedAt, tenant.SuspendedBy, tenant.SuspensionReason) = (now, by, reason?.Trim());
            db.AccessChanges.Add(new AccessChange { Id = Guid.CreateVersion7(now), At = now, By = by, Action = "tenant-suspended", ConcernsTenant = id, Detail = reason?.Trim() });
            await db.SaveChangesAsync(cancellationToken);
            await revocations.RevokeAsync(TokenRevocations.TenantField(id), now);
            logger.LogWarning("Tenant {Tenant} ({Code}) suspended by {By}: {Reason}", id, tenant.Code, by, reason);
        }

        return Outcome<Tenant>.Ok(tenant);
    }

    public async Task<Outcome<Tenant>> ReinstateAsync(Guid id, string by, CancellationToken cancellationToken)
    {
        var tenant = await db.Tenants.SingleOrDefaultAsync(t => t.Id == id, cancellationToken);
        if (tenant is null)
        {
            return Outcome<Tenant>.NotFound();
        }

        if (tenant.SuspendedAt is not null)
        {
            var now = clock.GetUtcNow();
            (tenant.SuspendedAt, tenant.ReinstatedAt, tenant.ReinstatedBy) = (null, now, by);
            db.AccessChanges.Add(new AccessChange { Id = Guid.CreateVersion7(now), At = now, By = by, Action = "tenant-reinstated", ConcernsTenant = id });
            await db.SaveChangesAsync(cancellationToken);
            await revocations.RestoreAsync(TokenRevocations.TenantField(id));
            logger.LogWarning("Tenant {Tenant} ({Code}) reinstated by {By}", id, tenant.Code, by);
        }

        return Outcome<Tenant>.Ok(tenant);
    }

    private static Outcome<Tenant> CodeTaken(string code) =>
        Outcome<Tenant>.Conflict("The tenant code is taken.", $"A tenant with code '{code}' already exists: choose another code.");
}
