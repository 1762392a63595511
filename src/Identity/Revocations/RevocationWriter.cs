using System.Globalization;
using ArPlatform.ServiceDefaults.Security;
using StackExchange.Redis;

namespace ArPlatform.Identity.Revocations;

/// <summary>
/// Writes what Identity takes back to the platform's revocation list (<see cref="TokenRevocations"/>) as soon as the
/// change is committed. A write that fails is logged and made good by <see cref="RevocationSync"/> within its period.
/// </summary>
public sealed class RevocationWriter(IServiceProvider services, ILogger<RevocationWriter> logger)
{
    private IConnectionMultiplexer? Redis => services.GetService<IConnectionMultiplexer>();

    public Task RevokeAsync(string field, DateTimeOffset at) =>
        WriteAsync(field, db => db.HashSetAsync(TokenRevocations.Key, field, at.ToUnixTimeMilliseconds().ToString(CultureInfo.InvariantCulture)));

    public Task RestoreAsync(string field) => WriteAsync(field, db => db.HashDeleteAsync(TokenRevocations.Key, field));

    private async Task WriteAsync(string field, Func<IDatabase, Task> write)
    {
        if (Redis is not { } redis)
        {
            return;
        }

        try
        {
            await write(redis.GetDatabase());
        }
        catch (Exception e) when (e is RedisException or TimeoutException)
        {
            logger.LogWarning(e, "The revocation list could not be written ({Field}): the next synchronisation writes it", field);
        }
    }
}
