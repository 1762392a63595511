using System.Security.Cryptography;
using ArPlatform.Identity.Persistence;
using ArPlatform.Identity.Revocations;
using ArPlatform.ServiceDefaults.Http;
using ArPlatform.ServiceDefaults.Security;
using Microsoft.EntityFrameworkCore;
using OpenIddict.Abstractions;
using OpenIddict.EntityFrameworkCore.Models;
using Scopes = ArPlatform.ServiceDefaults.Security.Scopes;

namespace ArPlatform.Identity.Clients;

/// <summary>
/// A tenant's API clients: each created with a secret that is answered once and stored only as a hash; disabled and
/// enabled; its secret rotated with the previous one still valid for a while (ADR 0028). Every change is kept with
/// who made it (<see cref="AccessChange"/>) and logged.
/// </summary>
public sealed class ApiClientService(IdentityDbContext db, IOpenIddictApplicationManager applications, TimeProvider clock, RevocationWriter revocations,
    ILogger<ApiClientService> logger)
{
    public const int MaxScopes = 20;

    /// <summary>How long the previous secret may stay valid after a rotation: 30 days at most, a day unless said.</summary>
    public const int MaxPreviousSecretHours = 720;
    public const int DefaultPreviousSecretHours = 24;

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

    public async Task<Outcome<ApiClient>> SetDisabledAsync(Guid tenantId, string clientId, bool disabled, string by, CancellationToken cancellationToken)
    {
        var client = await db.ApiClients.SingleOrDefaultAsync(c => c.TenantId == tenantId && c.ClientId == clientId, cancellationToken);
        if (client is null)
        {
            return Outcome<ApiClient>.NotFound();
        }

        if ((client.DisabledAt is not null) == disabled)
        {
            return Outcome<ApiClient>.Ok(client); // already so: the first change and its author stand
        }

        var now = clock.GetUtcNow();
        if (disabled)
        {
            (client.DisabledAt, client.DisabledBy) = (now, by);
        }
        else
        {
            (client.DisabledAt, client.EnabledAt, client.EnabledBy) = (null, now, by);
        }

        db.AccessChanges.Add(new AccessChange { Id = Guid.CreateVersion7(now), At = now, By = by, Action = disabled ? "client-disabled" : "client-enabled", ConcernsTenant = tenantId, Subject = clientId });
        await db.SaveChangesAsync(cancellationToken);
        await (disabled ? revocations.RevokeAsync(TokenRevocations.ClientField(clientId), now) : revocations.RestoreAsync(TokenRevocations.ClientField(clientId)));
        logger.LogWarning("API client {Client} of tenant {Tenant} {Change} by {By}", clientId, tenantId, disabled ? "disabled" : "enabled", by);
        return Outcome<ApiClient>.Ok(client);
    }

    /// <summary>
    /// A new secret, answered once and stored hashed; the current one stays valid for <paramref name="previousValidHours"/>
    /// (0: not at all) or until <see cref="RetirePreviousAsync"/>. A secret from before an earlier rotation ends now.
    /// </summary>
    public async Task<Outcome<RotatedSecretResponse>> RotateSecretAsync(Guid tenantId, string clientId, int? previousValidHours, string by, CancellationToken cancellationToken)
    {
        var hours = previousValidHours ?? DefaultPreviousSecretHours;
        if (hours is < 0 or > MaxPreviousSecretHours)
        {
            return Outcome<RotatedSecretResponse>.Invalid("previousSecretValidHours", $"must be from 0 to {MaxPreviousSecretHours} (30 days).");
        }

        var client = await db.ApiClients.SingleOrDefaultAsync(c => c.TenantId == tenantId && c.ClientId == clientId, cancellationToken);
        if (client is null || await applications.FindByClientIdAsync(clientId, cancellationToken) is not OpenIddictEntityFrameworkCoreApplication application)
        {
            return Outcome<RotatedSecretResponse>.NotFound();
        }

        var now = clock.GetUtcNow();
        var secret = Base64Url(RandomNumberGenerator.GetBytes(32));
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        (client.PreviousSecretHash, client.PreviousSecretValidUntil) = hours == 0 ? ((string?)null, (DateTimeOffset?)null) : (application.ClientSecret, now.AddHours(hours));
        (client.SecretRotatedAt, client.SecretRotatedBy) = (now, by);
        db.AccessChanges.Add(new AccessChange
        {
            Id = Guid.CreateVersion7(now),
            At = now,
            By = by,
            Action = "secret-rotated",
            ConcernsTenant = tenantId,
            Subject = clientId,
            Detail = hours == 0 ? "previous secret ended at once" : $"previous secret valid until {client.PreviousSecretValidUntil:O}",
        });
        await db.SaveChangesAsync(cancellationToken);
        await applications.UpdateAsync(application, secret, cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        logger.LogWarning("The secret of API client {Client} of tenant {Tenant} was rotated by {By}; the previous one is valid until {Until}",
            clientId, tenantId, by, client.PreviousSecretValidUntil);
        return Outcome<RotatedSecretResponse>.Ok(new RotatedSecretResponse(clientId, secret, client.PreviousSecretValidUntil));
    }

    /// <summary>Ends the previous secret now, once the partner uses the new one.</summary>
    public async Task<Outcome<ApiClient>> RetirePreviousAsync(Guid tenantId, string clientId, string by, CancellationToken cancellationToken)
    {
        var client = await db.ApiClients.SingleOrDefaultAsync(c => c.TenantId == tenantId && c.ClientId == clientId, cancellationToken);
        if (client is null)
        {
            return Outcome<ApiClient>.NotFound();
        }

        if (client.PreviousSecretHash is not null)
        {
            var now = clock.GetUtcNow();
            (client.PreviousSecretHash, client.PreviousSecretValidUntil) = (null, null);
            db.AccessChanges.Add(new AccessChange { Id = Guid.CreateVersion7(now), At = now, By = by, Action = "previous-secret-retired", ConcernsTenant = tenantId, Subject = clientId });
            await db.SaveChangesAsync(cancellationToken);
            logger.LogWarning("The previous secret of API client {Client} of tenant {Tenant} was retired by {By}", clientId, tenantId, by);
        }

        return Outcome<ApiClient>.Ok(client);
    }

    private static string Base64Url(byte[] bytes) => Convert.ToBase64String(bytes).TrimEnd('=').Replace('+', '-').Replace('/', '_');
}
