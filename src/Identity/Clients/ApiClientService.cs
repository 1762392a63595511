using System.Security.Cryptography;
using ArPlatform.Identity.Persistence;
using ArPlatform.ServiceDefaults.Http;
using Microsoft.EntityFrameworkCore;
using OpenIddict.Abstractions;
using Scopes = ArPlatform.ServiceDefaults.Security.Scopes;

namespace ArPlatform.Identity.Clients;

/// <summary>A tenant's API clients: each created with a secret that is answered once and stored only as a hash.</summary>
public sealed class ApiClientService(IdentityDbContext db, IOpenIddictApplicationManager applications, TimeProvider clock)
{
    public const int MaxScopes = 10;

    /// <summary>The new client with its secret; or the broken rules; or not found when there is no such tenant.</summary>
    public async Task<Outcome<CreatedClientResponse>> CreateAsync(Guid tenantId, string? name, List<string>? scopes, CancellationToken cancellationToken)
    {
        var validation = new Validation().Required("name", name)
            .When(scopes is { Count: > MaxScopes }, "scopes", $"must have at most {MaxScopes} items.");
        if (scopes is not { Count: > 0 })
        {
            validation.Add("scopes", "must name at least one scope.");
        }
        else if (scopes.Where(s => !Scopes.TenantScopes.Contains(s)).ToList() is { Count: > 0 } unknown)
        {
            validation.Add("scopes", $"unknown or not grantable to a tenant: {string.Join(", ", unknown)}. Allowed: {string.Join(", ", Scopes.TenantScopes)}.");
        }

        if (!validation.IsValid)
        {
            return Outcome<CreatedClientResponse>.Invalid(validation);
        }

        var tenant = await db.Tenants.AsNoTracking().SingleOrDefaultAsync(t => t.Id == tenantId, cancellationToken);
        if (tenant is null)
        {
            return Outcome<CreatedClientResponse>.NotFound();
        }

        var granted = scopes!.Distinct(StringComparer.Ordinal).ToList();
        var clientId = $"{tenant.Code}-{Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(6))}";
        var secret = Base64Url(RandomNumberGenerator.GetBytes(32));
        var now = clock.GetUtcNow();

        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        db.ApiClients.Add(new ApiClient { Id = Guid.CreateVersion7(now), TenantId = tenant.Id, ClientId = clientId, Name = name!.Trim(), Scopes = granted, CreatedAt = now });
        await db.SaveChangesAsync(cancellationToken);
        await applications.CreateAsync(ConfidentialClient.Descriptor(clientId, secret, name.Trim(), granted), cancellationToken);
        await transaction.CommitAsync(cancellationToken);

        return Outcome<CreatedClientResponse>.Ok(new CreatedClientResponse(clientId, secret, tenant.Id, name.Trim(), granted));
    }

    private static string Base64Url(byte[] bytes) => Convert.ToBase64String(bytes).TrimEnd('=').Replace('+', '-').Replace('/', '_');
}
