using ArPlatform.Identity.Persistence;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using OpenIddict.Abstractions;
using OpenIddict.Core;
using OpenIddict.EntityFrameworkCore.Models;

namespace ArPlatform.Identity.Clients;

/// <summary>
/// OpenIddict's application manager with a secret rollover: a client secret that is not the current one is still
/// accepted while it is the previous one (<see cref="ApiClient.PreviousSecretHash"/>) and that has not expired. Both
/// are compared as OpenIddict compares secrets (PBKDF2 hash, constant time).
/// </summary>
public sealed class RolloverApplicationManager(
    IOpenIddictApplicationCache<OpenIddictEntityFrameworkCoreApplication> cache,
    ILogger<OpenIddictApplicationManager<OpenIddictEntityFrameworkCoreApplication>> logger,
    IOptionsMonitor<OpenIddictCoreOptions> options,
    IOpenIddictApplicationStore<OpenIddictEntityFrameworkCoreApplication> store,
    IdentityDbContext db,
    TimeProvider clock)
    : OpenIddictApplicationManager<OpenIddictEntityFrameworkCoreApplication>(cache, logger, options, store)
{
    public override async ValueTask<bool> ValidateClientSecretAsync(OpenIddictEntityFrameworkCoreApplication application, string secret, CancellationToken cancellationToken = default)
    {
        if (await base.ValidateClientSecretAsync(application, secret, cancellationToken))
        {
            return true;
        }

        var now = clock.GetUtcNow();
        var previous = await db.ApiClients.AsNoTracking()
            .Where(c => c.ClientId == application.ClientId && c.PreviousSecretHash != null && c.PreviousSecretValidUntil > now)
            .Select(c => c.PreviousSecretHash)
            .SingleOrDefaultAsync(cancellationToken);
        return previous is not null && await ValidateClientSecretAsync(secret, previous, cancellationToken);
    }
}
