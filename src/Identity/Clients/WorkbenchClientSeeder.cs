using ArPlatform.ServiceDefaults.Security;
using OpenIddict.Abstractions;
using static OpenIddict.Abstractions.OpenIddictConstants;

namespace ArPlatform.Identity.Clients;

/// <summary>
/// Keeps the workbench's OAuth client registered: public (it holds no secret), authorization code with PKCE required,
/// refresh tokens, and only the redirect addresses under the platform's public address (<c>Identity:PublicUrl</c>)
/// and those listed in <c>Identity:WorkbenchUrls</c>.
/// </summary>
internal sealed class WorkbenchClientSeeder(IServiceScopeFactory scopes, IConfiguration configuration, ILogger<WorkbenchClientSeeder> logger) : IHostedService
{
    public const string CallbackPath = "/app/signin-callback";
    public const string SignedOutPath = "/app/signed-out";

    public async Task StartAsync(CancellationToken cancellationToken)
    {
        var origins = new[] { configuration["Identity:PublicUrl"] }
            .Concat(configuration.GetSection("Identity:WorkbenchUrls").Get<string[]>() ?? [])
            .Where(u => !string.IsNullOrWhiteSpace(u)).Select(u => u!.TrimEnd('/')).Distinct(StringComparer.OrdinalIgnoreCase).ToList();
        if (origins.Count == 0)
        {
            logger.LogWarning("Identity:PublicUrl is not set: the {Client} client is not registered and staff cannot sign in", PlatformAuth.WorkbenchClientId);
            return;
        }

        var descriptor = new OpenIddictApplicationDescriptor
        {
            ClientId = PlatformAuth.WorkbenchClientId,
            ClientType = ClientTypes.Public,
            ConsentType = ConsentTypes.Implicit,
            DisplayName = "ArPlatform workbench",
            Permissions =
            {
                Permissions.Endpoints.Authorization, Permissions.Endpoints.Token, Permissions.Endpoints.EndSession, Permissions.Endpoints.Revocation,
                Permissions.GrantTypes.AuthorizationCode, Permissions.GrantTypes.RefreshToken, Permissions.ResponseTypes.Code,
                Permissions.Prefixes.Scope + OpenIddictConstants.Scopes.OfflineAccess,
            },
            Requirements = { Requirements.Features.ProofKeyForCodeExchange },
        };
        foreach (var platformScope in ServiceDefaults.Security.Scopes.All)
        {
            descriptor.Permissions.Add(Permissions.Prefixes.Scope + platformScope);
        }

        foreach (var origin in origins)
        {
            descriptor.RedirectUris.Add(new Uri(origin + CallbackPath));
            descriptor.PostLogoutRedirectUris.Add(new Uri(origin + SignedOutPath));
        }

        await using var scope = scopes.CreateAsyncScope();
        var applications = scope.ServiceProvider.GetRequiredService<IOpenIddictApplicationManager>();
        try
        {
            if (await applications.FindByClientIdAsync(PlatformAuth.WorkbenchClientId, cancellationToken) is { } existing)
            {
                await applications.UpdateAsync(existing, descriptor, cancellationToken);
            }
            else
            {
                await applications.CreateAsync(descriptor, cancellationToken);
            }
        }
        catch (Exception e) when (e is Microsoft.EntityFrameworkCore.DbUpdateException or OpenIddictExceptions.ConcurrencyException)
        {
            // Another replica registered it at the same moment with the same configuration.
            logger.LogInformation(e, "The {Client} client was registered by another replica", PlatformAuth.WorkbenchClientId);
        }
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
