using System.Text.RegularExpressions;
using ArPlatform.BuildingBlocks.Messaging;
using ArPlatform.BuildingBlocks.Persistence;
using ArPlatform.Contracts;
using ArPlatform.Identity.Persistence;
using ArPlatform.ServiceDefaults.Http;
using Microsoft.EntityFrameworkCore;

namespace ArPlatform.Identity.Tenants;

/// <summary>Registers client organisations as tenants, each announced with <see cref="TenantCreated"/>.</summary>
public sealed partial class TenantService(IdentityDbContext db, TimeProvider clock)
{
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

    private static Outcome<Tenant> CodeTaken(string code) =>
        Outcome<Tenant>.Conflict("The tenant code is taken.", $"A tenant with code '{code}' already exists: choose another code.");
}
