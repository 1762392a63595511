using ArPlatform.ServiceDefaults.Security;
using OpenIddict.Abstractions;

namespace ArPlatform.Identity.Clients;

/// <summary>
/// Makes sure the platform-admin client exists with the configured secret (the AppHost parameter
/// admin-client-secret, given as Identity:AdminClientSecret); a changed secret replaces the old one.
/// </summary>
internal sealed class AdminClientSeeder(IServiceScopeFactory scopes, IConfiguration configuration, ILogger<AdminClientSeeder> logger) : IHostedService
{
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        var secret = configuration["Identity:AdminClientSecret"];
        if (string.IsNullOrEmpty(secret))
        {
            logger.LogWarning("Identity:AdminClientSecret is not set: the {Client} client is not provisioned", PlatformAuth.AdminClientId);
            return;
        }

        await using var scope = scopes.CreateAsyncScope();
        var applications = scope.ServiceProvider.GetRequiredService<IOpenIddictApplicationManager>();
        var descriptor = ConfidentialClient.Descriptor(PlatformAuth.AdminClientId, secret, "Platform administrator", [Scopes.PlatformAdmin]);
        if (await applications.FindByClientIdAsync(PlatformAuth.AdminClientId, cancellationToken) is not { } existing)
        {
            try
            {
                await applications.CreateAsync(descriptor, cancellationToken);
            }
            catch (Microsoft.EntityFrameworkCore.DbUpdateException e)
            {
                // Another replica may have created it at the same moment; anything else is a real failure.
                if (await applications.FindByClientIdAsync(PlatformAuth.AdminClientId, cancellationToken) is null)
                {
                    throw new InvalidOperationException("The platform-admin client could not be created.", e);
                }
            }
        }
        else if (!await applications.ValidateClientSecretAsync(existing, secret, cancellationToken))
        {
            await applications.UpdateAsync(existing, descriptor, cancellationToken);
            logger.LogInformation("The {Client} client secret was changed to the configured one", PlatformAuth.AdminClientId);
        }
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
