using System.Security.Cryptography;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.DataProtection;
using StackExchange.Redis;

namespace ArPlatform.Workbench.SignIn;

/// <summary>
/// Sessions kept in Redis, encrypted with the workbench's data-protection keys; the cookie holds only a random key.
/// The tokens a session holds grow with the tenants a person is given, and a cookie must stay under the 32 KB a
/// request's headers may take. Signing out deletes the session, so a copied cookie is worthless afterwards.
/// </summary>
public sealed class RedisTicketStore(IConnectionMultiplexer redis, IDataProtectionProvider protection, TimeProvider clock) : ITicketStore
{
    private const string Prefix = "workbench:session:";
    private static readonly TimeSpan Shortest = TimeSpan.FromMinutes(1);
    private readonly IDataProtector _protector = protection.CreateProtector("ArPlatform.Workbench.Sessions");

    public async Task<string> StoreAsync(AuthenticationTicket ticket)
    {
        var key = Convert.ToHexString(RandomNumberGenerator.GetBytes(32));
        await RenewAsync(key, ticket);
        return key;
    }

    public Task RenewAsync(string key, AuthenticationTicket ticket) =>
        redis.GetDatabase().StringSetAsync(Prefix + key, _protector.Protect(TicketSerializer.Default.Serialize(ticket)), Lifetime(ticket));

    public async Task<AuthenticationTicket?> RetrieveAsync(string key)
    {
        var value = (byte[]?)await redis.GetDatabase().StringGetAsync(Prefix + key);
        if (value is null)
        {
            return null;
        }

        try
        {
            return TicketSerializer.Default.Deserialize(_protector.Unprotect(value));
        }
        catch (CryptographicException)
        {
            // Written with a key ring since replaced: the person signs in again.
            return null;
        }
    }

    public Task RemoveAsync(string key) => redis.GetDatabase().KeyDeleteAsync(Prefix + key);

    private TimeSpan Lifetime(AuthenticationTicket ticket)
    {
        var left = (ticket.Properties.ExpiresUtc ?? clock.GetUtcNow() + WorkbenchSignIn.SessionLifetime) - clock.GetUtcNow();
        return left < Shortest ? Shortest : left;
    }

    /// <summary>Uses the store where Redis is configured (always, in the AppHost); without it sessions stay in the cookie.</summary>
    public static void Register(IServiceCollection services) =>
        services.AddOptions<CookieAuthenticationOptions>(WorkbenchSignIn.CookieScheme).Configure<IServiceProvider>((options, provider) =>
        {
            if (provider.GetService<IConnectionMultiplexer>() is { } redis)
            {
                options.SessionStore = new RedisTicketStore(redis, provider.GetRequiredService<IDataProtectionProvider>(), provider.GetRequiredService<TimeProvider>());
            }
        });
}
